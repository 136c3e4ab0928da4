// punchlist scan: run the tools of punchlist.yaml, judge each run (answer or crash), then ingest
// what the tools that ran report; a crash is recorded and ends the command with one line.
import type { Command } from 'commander';
import { setProjectTimeZone } from '../../domain/dates.js';
import { loadConfig } from '../../config/load.js';
import { PunchlistError, badInput } from '../../domain/errors.js';
import { ingestBatches } from '../../services/ingest.js';
import { commandName, crashMessage, judgeOutputs, recordScanOutcome, runScanCommands } from '../../services/scan.js';
import type { CliContext } from '../context.js';
import { cliLogger } from '../log.js';
import { defaultCommit, ingestRoot, printReports } from './ingest.js';

interface ScanOptions {
  only?: string[];
  dryRun?: boolean;
  commit?: string;
  config?: string;
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('scan')
    .description('run the tools configured under `scan:` in punchlist.yaml and ingest what they report')
    .option('--only <names...>', 'run only these commands (by name)')
    .option('--dry-run', 'run the tools, show what would change, write nothing')
    .option('--commit <sha>', 'the commit scanned (default: $GITHUB_SHA, $CI_COMMIT_SHA, else git HEAD)')
    .option('--config <file>', 'punchlist.yaml to use (default: found walking up)')
    .action(async (o: ScanOptions) => {
      const loaded = loadConfig(process.cwd(), o.config);
      setProjectTimeZone(loaded.config.timezone);
      if (!ctx.json) for (const warning of loaded.warnings) ctx.out.warn(`punchlist: ${warning}`);
      const commands = loaded.config.scan.filter((c) => o.only === undefined || o.only.includes(commandName(c)));
      if (commands.length === 0) {
        throw badInput(
          loaded.path === null
            ? 'scan: no punchlist.yaml found; add one with a `scan:` list (see docs/config.md)'
            : `scan: nothing to run${o.only ? ` named ${o.only.join(', ')}` : ''} under \`scan:\` in ${loaded.path}`,
        );
      }
      const log = cliLogger(ctx.out, 'scan');
      const root = ingestRoot(undefined, loaded);
      const at = new Date().toISOString();
      const { outputs, cleanup } = await runScanCommands(commands, loaded.baseDir, log);
      try {
        const judged = await judgeOutputs(outputs, { root, config: loaded.config.ingest, at });
        for (const c of judged.crashes) log.info({ command: c.name, tool: c.tool, scope: c.scope, exitCode: c.exitCode, reason: c.reason }, `${c.name} crashed`);
        const store = await ctx.store({ create: true });
        const project = await ctx.project(store, { create: true });
        const outcome = await ingestBatches(store, project, judged.batches, {
          tool: 'auto',
          root,
          actor: ctx.actor(),
          commit: o.commit ?? defaultCommit(),
          dryRun: o.dryRun === true,
          config: loaded.config.ingest,
          at,
        });
        if (o.dryRun !== true) await recordScanOutcome(store, project, judged);
        printReports(ctx, outcome.reports, o.dryRun === true);
        if (judged.crashes.length > 0) throw new PunchlistError('tool_failed', crashMessage(judged.crashes));
      } finally {
        cleanup();
      }
    });
}
