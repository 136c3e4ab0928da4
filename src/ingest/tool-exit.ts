// Whether a tool that `punchlist scan` ran gave an answer or crashed. Tools exit non-zero when
// they find problems; that is an answer. A crash is an exit code that is not the tool's own,
// no output where the tool always writes some, or a "found things" exit with nothing found.
// A crashed run is never reconciled: absent findings are not evidence that they were fixed.
// Pure; the defaults are documented in docs/config.md.
import type { Format } from './types.js';

export interface ExitPolicy {
  /** Exit codes that mean the tool ran (clean or with findings); any other is a crash. */
  exitCodes: readonly number[];
  /** What an empty output (or no output file) means: a clean run, or a crash. */
  emptyOutput: 'clean' | 'crash';
  /** A non-zero exit must come with findings (tsc and ESLint exit non-zero only when they report). */
  nonZeroNeedsFindings: boolean;
}

export const EXIT_POLICIES: Readonly<Record<Format | 'auto', ExitPolicy>> = {
  // 0 clean; 1 and 2 when it printed diagnostics (2: and still emitted); a clean run prints nothing.
  tsc: { exitCodes: [0, 1, 2], emptyOutput: 'clean', nonZeroNeedsFindings: true },
  // 0 no errors, 1 lint errors; 2 is a configuration or internal error. `-f json` always writes.
  eslint: { exitCodes: [0, 1], emptyOutput: 'crash', nonZeroNeedsFindings: true },
  // Test runners exit 1 on failing tests (or a missed coverage threshold); the report must exist.
  junit: { exitCodes: [0, 1], emptyOutput: 'crash', nonZeroNeedsFindings: false },
  coverage: { exitCodes: [0, 1], emptyOutput: 'crash', nonZeroNeedsFindings: false },
  // npm audit exits 1 when it finds vulnerabilities at or above --audit-level.
  'npm-audit': { exitCodes: [0, 1], emptyOutput: 'crash', nonZeroNeedsFindings: false },
  sarif: { exitCodes: [0, 1], emptyOutput: 'crash', nonZeroNeedsFindings: false },
  auto: { exitCodes: [0, 1], emptyOutput: 'crash', nonZeroNeedsFindings: false },
};

export interface CommandPolicy {
  tool: Format | 'auto';
  exitCodes?: readonly number[] | undefined;
  emptyOutput?: 'clean' | 'crash' | undefined;
}

/** The tool's defaults, with what punchlist.yaml says for this command on top. */
export function exitPolicy(command: CommandPolicy, detected?: Format): ExitPolicy {
  const base = EXIT_POLICIES[command.tool === 'auto' && detected !== undefined ? detected : command.tool];
  return {
    exitCodes: command.exitCodes ?? base.exitCodes,
    emptyOutput: command.emptyOutput ?? base.emptyOutput,
    nonZeroNeedsFindings: command.exitCodes === undefined && base.nonZeroNeedsFindings,
  };
}

export interface ProcessEnd {
  /** null when a signal ended it. */
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  timeoutSeconds: number;
  /** Bytes of output (stdout, or the output file); null when the output file does not exist. */
  outputBytes: number | null;
  /** The last line the tool wrote to stderr, for the reason. */
  lastError: string;
}

const codes = (list: readonly number[]): string => list.join(', ');
const because = (end: ProcessEnd): string => (end.lastError ? `: ${end.lastError}` : '');

/** A process that did not finish on its own, or could not start: nothing it wrote is an answer. */
export function processCrash(end: ProcessEnd): string | null {
  if (end.timedOut) return `timed out after ${end.timeoutSeconds}s and was stopped (raise timeoutSeconds if it needs longer)`;
  if (end.signal !== null) return `killed by ${end.signal}${because(end)}`;
  if (end.exitCode === 126 || end.exitCode === 127) return `could not run (exit ${end.exitCode})${because(end)}`;
  return null;
}

export const isEmptyOutput = (end: ProcessEnd): boolean => (end.outputBytes ?? 0) === 0;

/** For an empty output: the crash it means, or null when it is a clean run of the tool. */
export function emptyOutputCrash(end: ProcessEnd, policy: ExitPolicy, tool: Format | 'auto'): string | null {
  const what = end.outputBytes === null ? 'wrote no output file' : 'printed nothing';
  if (policy.emptyOutput === 'crash' || tool === 'auto') return `${what}, and ${tool === 'auto' ? 'the tool' : tool} always writes a report when it runs${because(end)}`;
  if (end.exitCode !== null && !policy.exitCodes.includes(end.exitCode)) return exitCrash(end, policy, tool, 0);
  if (policy.nonZeroNeedsFindings && end.exitCode !== 0) return `exit code ${end.exitCode} but ${what}${because(end)}`;
  return null;
}

/** The exit code against the tool's own, and a "found things" exit against what was found. */
export function exitCrash(end: ProcessEnd, policy: ExitPolicy, tool: Format | 'auto', findings: number): string | null {
  if (end.exitCode !== null && !policy.exitCodes.includes(end.exitCode)) {
    return `exit code ${end.exitCode} is not one ${tool} gives when it ran (${codes(policy.exitCodes)})${because(end)}`;
  }
  if (policy.nonZeroNeedsFindings && end.exitCode !== 0 && findings === 0) {
    return `exit code ${end.exitCode} but no findings in its output${because(end)}`;
  }
  return null;
}
