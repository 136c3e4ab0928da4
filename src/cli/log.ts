// Structured logs of long-running commands (scan) with pino, as JSON lines on standard error, so
// a CI log can be searched; quiet unless asked. PUNCHLIST_LOG_LEVEL: fatal, error, warn (the
// default), info, debug, trace or silent.
import { type Logger, pino } from 'pino';
import type { Output } from './output.js';

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function cliLogger(out: Output, name: string, env: NodeJS.ProcessEnv = process.env): Logger {
  const wanted = env.PUNCHLIST_LOG_LEVEL?.toLowerCase() ?? 'warn';
  const level = LEVELS.includes(wanted) ? wanted : 'warn';
  // Through the CLI's own stderr, so tests and callers of main() see what a shell would.
  return pino({ level, base: { name } }, { write: (line: string) => out.warn(line.trimEnd()) });
}
