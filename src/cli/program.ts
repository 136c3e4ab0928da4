import { Command } from 'commander';
import { createContext, type CliContext, type GlobalOptions } from './context.js';
import type { Io, Output } from './output.js';
import { register as registerDocument } from './commands/document.js';
import { register as registerInit } from './commands/init.js';
import { register as registerIssue } from './commands/issue.js';
import { register as registerLog } from './commands/log.js';
import { register as registerApprove } from './commands/approve.js';
import { register as registerCheck } from './commands/check.js';
import { register as registerForecast } from './commands/forecast.js';
import { register as registerGate } from './commands/gate.js';
import { register as registerKpi } from './commands/kpi.js';
import { register as registerSnapshot } from './commands/snapshot.js';
import { register as registerStandup } from './commands/standup.js';
import { register as registerVerify } from './commands/verify.js';
import { register as registerIngest } from './commands/ingest.js';
import { register as registerScan } from './commands/scan.js';
import { register as registerReport } from './commands/report.js';

export function buildProgram(out: Output, io: Io): { program: Command; ctx: CliContext } {
  const program = new Command('punchlist')
    .description('A live pre-launch audit: the issue register, gates, KPIs and reports, fed by your tools.')
    .version('0.1.0')
    .option('--project <key>', 'the project to work on (default: the only or first one)')
    .option('--db <path|url>', 'store: a SQLite path or postgres:// URL (env PUNCHLIST_DB, DATABASE_URL; default .punchlist/)')
    .option('--json', 'machine-readable output')
    .option('--as <name>', 'who is acting (env PUNCHLIST_USER; default git user.name)')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(text.startsWith('error:') ? `punchlist: ${text}` : text),
    });
  const ctx = createContext(() => program.opts<GlobalOptions>(), out);
  const commands = [registerInit, registerIssue, registerDocument, registerLog];
  // Checklists, gates, KPIs and time (issue 5).
  commands.push(registerCheck, registerGate, registerKpi, registerSnapshot, registerStandup, registerForecast, registerApprove, registerVerify);
  // Tool output in: ingest and scan (issue 4).
  commands.push(registerIngest, registerScan);
  // Documents: rendered reports (Markdown import lives in the import command).
  commands.push(registerReport);
  for (const register of commands) register(program, ctx);
  // Sub-commands inherit the parent's way of failing, so every usage error exits 2, not 1.
  const harden = (cmd: Command): void => {
    cmd.exitOverride().showHelpAfterError('(run with --help for usage)');
    cmd.configureOutput(program.configureOutput());
    cmd.commands.forEach(harden);
  };
  program.commands.forEach(harden);
  return { program, ctx };
}
