import { Command } from 'commander';
import { createContext, type CliContext, type GlobalOptions } from './context.js';
import { neutralise, type Io, type Output } from './output.js';

type Register = (program: Command, ctx: CliContext) => void;
type Loader = () => Promise<{ register: Register }>;

// Each top-level command and the module that defines it. Only the module of the command being
// run is loaded (each is a chunk of its own in the bundle), so `issue list` does not pay for
// the Markdown parser, the CEL evaluator or the SARIF reader. `--help` loads them all.
const COMMANDS: Record<string, Loader> = {
  init: () => import('./commands/init.js'),
  project: () => import('./commands/project.js'),
  issue: () => import('./commands/issue.js'),
  import: () => import('./commands/document.js'),
  apply: () => import('./commands/document.js'),
  export: () => import('./commands/document.js'),
  log: () => import('./commands/log.js'),
  // Checklists, gates, KPIs and time.
  check: () => import('./commands/check.js'),
  gate: () => import('./commands/gate.js'),
  kpi: () => import('./commands/kpi.js'),
  snapshot: () => import('./commands/snapshot.js'),
  standup: () => import('./commands/standup.js'),
  forecast: () => import('./commands/forecast.js'),
  approve: () => import('./commands/approve.js'),
  verify: () => import('./commands/verify.js'),
  // Tool output in.
  ingest: () => import('./commands/ingest.js'),
  scan: () => import('./commands/scan.js'),
  // Documents out.
  report: () => import('./commands/report.js'),
  // The team server and its accounts.
  serve: () => import('./commands/serve.js'),
  user: () => import('./commands/accounts.js'),
  token: () => import('./commands/accounts.js'),
  // Escalation (SPEC §8).
  escalate: () => import('./commands/escalate.js'),
  ack: () => import('./commands/escalate.js'),
  sla: () => import('./commands/escalate.js'),
  escalations: () => import('./commands/escalate.js'),
  // The whole store, for safe keeping or a move to PostgreSQL.
  backup: () => import('./commands/backup.js'),
  restore: () => import('./commands/backup.js'),
};

/** Commands that take or compute a day (snapshots, standups, forecasts, reports, due dates). */
const DAY_COMMANDS = new Set(['issue', 'import', 'apply', 'ingest', 'scan', 'snapshot', 'standup', 'forecast', 'report', 'kpi', 'serve', 'escalate']);

const GLOBAL_WITH_VALUE = new Set(['--project', '--db', '--as']);

/** The command word in argv, skipping global options (and their values) before it. */
export function commandWord(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (GLOBAL_WITH_VALUE.has(arg)) i++;
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

/** Whether --json was asked for (before a `--` that ends the options), so even a usage error is JSON. */
export function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json');
}

export async function buildProgram(argv: readonly string[], out: Output, io: Io): Promise<{ program: Command; ctx: CliContext }> {
  const json = wantsJson(argv);
  const hint = json ? false : '(run with --help for usage)';
  const program = new Command('punchlist')
    .description('A live pre-launch audit: the issue register, gates, KPIs and reports, fed by your tools.')
    .version('0.1.0')
    .option('--project <key>', 'the project to work on (default: the only or first one)')
    .option('--db <path|url>', 'store: a SQLite path or postgres:// URL (env PUNCHLIST_DB, DATABASE_URL; default .punchlist/)')
    .option('--json', 'machine-readable output')
    .option('--as <name>', 'who is acting (env PUNCHLIST_USER; default git user.name)')
    .exitOverride()
    .showHelpAfterError(hint)
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // With --json, main() writes the usage error as JSON on stdout instead.
      outputError: (text, write) => (json ? undefined : write(neutralise(text.startsWith('error:') ? `punchlist: ${text}` : text))),
    });
  const ctx = createContext(() => program.opts<GlobalOptions>(), out);

  const word = commandWord(argv);
  const versionOnly = word === undefined && (argv.includes('--version') || argv.includes('-V'));
  const wanted = versionOnly ? [] : word !== undefined && word in COMMANDS ? [COMMANDS[word]!] : Object.values(COMMANDS);
  const modules = await Promise.all([...new Set(wanted)].map((load) => load()));
  for (const module of new Set(modules)) module.register(program, ctx);

  // Sub-commands inherit the parent's way of failing, so every usage error exits 2, not 1.
  const harden = (cmd: Command): void => {
    cmd.exitOverride().showHelpAfterError(hint);
    cmd.configureOutput(program.configureOutput());
    cmd.commands.forEach(harden);
  };
  program.commands.forEach(harden);
  if (word !== undefined && DAY_COMMANDS.has(word)) {
    // "Today" is a day of the project's time zone: read punchlist.yaml once, before the action.
    program.hook('preAction', async () => {
      // Without a file every default holds (the system's zone): the YAML parser is not loaded.
      const [{ findConfig }, { setProjectTimeZone }] = await Promise.all([import('../config/find.js'), import('../domain/dates.js')]);
      if (findConfig(process.cwd()) === null) return;
      const { loadConfig } = await import('../config/load.js');
      setProjectTimeZone(loadConfig(process.cwd()).config.timezone);
    });
  }
  return { program, ctx };
}
