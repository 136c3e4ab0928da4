// punchlist scan: run the tools of punchlist.yaml, then ingest what they report.
import type { Command } from 'commander';
import { loadConfig } from '../../config/load.js';
import { badInput } from '../../domain/errors.js';
import { prepareBatches } from '../../ingest/prepare.js';
import { ingestBatches, readReports } from '../../services/ingest.js';
import { runScanCommands } from '../../services/scan.js';
import type { CliContext } from '../context.js';
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
      if (!ctx.json) for (const warning of loaded.warnings) ctx.out.warn(`punchlist: ${warning}`);
      const commands = loaded.config.scan.filter((c) => o.only === undefined || o.only.includes(c.name ?? ''));
      if (commands.length === 0) {
        throw badInput(
          loaded.path === null
            ? 'scan: no punchlist.yaml found; add one with a `scan:` list (see docs/config.md)'
            : `scan: nothing to run${o.only ? ` named ${o.only.join(', ')}` : ''} under \`scan:\` in ${loaded.path}`,
        );
      }
      const root = ingestRoot(undefined, loaded);
      const { outputs, cleanup } = await runScanCommands(commands, loaded.baseDir, (name) => {
        if (!ctx.json) ctx.out.warn(`running ${name}…`);
      });
      try {
        const batches = [];
        for (const output of outputs) {
          const results = await readReports([output.file], { tool: output.command.tool, root, config: loaded.config.ingest });
          for (const batch of prepareBatches(results, loaded.config.ingest)) {
            batches.push(output.command.scope !== undefined ? { ...batch, scope: output.command.scope } : batch);
          }
        }
        const store = await ctx.store();
        const project = await ctx.project(store, { create: true });
        const outcome = await ingestBatches(store, project, batches, {
          tool: 'auto',
          root,
          actor: ctx.actor(),
          commit: o.commit ?? defaultCommit(),
          dryRun: o.dryRun === true,
          config: loaded.config.ingest,
        });
        printReports(ctx, outcome.reports, o.dryRun === true);
      } finally {
        cleanup();
      }
    });
}
