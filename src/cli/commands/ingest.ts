// punchlist ingest FILE... : tool output into the register, reconciled (SPEC §6).
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { setProjectTimeZone } from '../../domain/dates.js';
import { loadConfig, type LoadedConfig } from '../../config/load.js';
import { badInput } from '../../domain/errors.js';
import { describePlan } from '../../ingest/reconcile.js';
import { FORMATS, type Format } from '../../ingest/types.js';
import { prepareBatches } from '../../ingest/prepare.js';
import { parseReportSpec } from '../../ingest/report-spec.js';
import { explain, ingestBatches, type IngestReport, readReports } from '../../services/ingest.js';
import type { CliContext } from '../context.js';
import { preferCompactHeap } from '../heap.js';

interface IngestOptions {
  tool: Format | 'auto';
  scope?: string;
  commit?: string;
  root?: string;
  dryRun?: boolean;
  explain?: string;
  config?: string;
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('ingest')
    .argument('[files...]', 'reports: SARIF, ESLint JSON, tsc output, JUnit XML, coverage, npm audit JSON; TOOL:FILE names the tool of one file (tsc:tsc.txt)')
    .description('read tool output into the register: new findings become issues, fixed ones resolve them')
    .addOption(new Option('--tool <tool>', 'the format, when auto-detection cannot tell').choices(['auto', ...FORMATS]).default('auto'))
    .option('--scope <scope>', 'reconcile within this scope only (e.g. a package of a monorepo); default from punchlist.yaml or "default"')
    .option('--commit <sha>', 'the commit the report is for (default: $GITHUB_SHA, $CI_COMMIT_SHA, else git HEAD)')
    .option('--root <dir>', 'repository root absolute paths are made relative to (default: the git work tree)')
    .option('--dry-run', 'show what would change, write nothing')
    .option('--explain <key>', 'say why an issue holds its findings (or where a finding fingerprint went)')
    .option('--config <file>', 'punchlist.yaml to use (default: found walking up)')
    .action(async (files: string[], o: IngestOptions) => {
      const loaded = loadConfig(process.cwd(), o.config);
      setProjectTimeZone(loaded.config.timezone);
      if (!ctx.json) for (const warning of loaded.warnings) ctx.out.warn(`punchlist: ${warning}`);
      if (o.explain !== undefined) {
        const store = await ctx.store();
        const project = await ctx.project(store);
        const result = await explain(store, project, o.explain, loaded.config.ingest);
        if (ctx.json) return ctx.out.json(result);
        return ctx.out.print(result.lines.join('\n'));
      }
      if (files.length === 0) throw badInput('ingest: name at least one report file (or use --explain KEY)');
      const specs = files.map((f) => parseReportSpec(f, o.tool));
      const sizes = specs.map((f) => (existsSync(f.path) ? statSync(f.path).size : 0));
      const total = sizes.reduce((a, b) => a + b, 0);
      preferCompactHeap(total);
      // Only big inputs get a progress line: small ones finish before it would draw.
      const progress = total > 8 * 1024 * 1024 ? ctx.out.progress('reading', total) : null;
      const request = {
        tool: o.tool,
        ...(o.scope !== undefined ? { scope: o.scope } : {}),
        commit: o.commit ?? defaultCommit(),
        root: ingestRoot(o.root, loaded),
        actor: ctx.actor(),
        dryRun: o.dryRun === true,
        config: loaded.config.ingest,
        ...(progress !== null ? { onProgress: (done: number) => progress.tick(done) } : {}),
      };
      // Every file is read and checked before the project is touched: a bad file writes nothing.
      const batches = prepareBatches(await readReports(specs, request, sizes), loaded.config.ingest);
      const store = await ctx.store({ create: true });
      const project = await ctx.project(store, { create: true });
      const outcome = await ingestBatches(store, project, batches, request);
      progress?.done();
      printReports(ctx, outcome.reports, o.dryRun === true);
    });
}

export function printReports(ctx: CliContext, reports: IngestReport[], dryRun: boolean): void {
  if (ctx.json) return ctx.out.json(reports.length === 1 ? reports[0] : reports);
  for (const r of reports) {
    const head = `${r.tool}${r.scope === 'default' ? '' : ` (${r.scope})`}`;
    if (dryRun) ctx.out.print(`dry run, nothing written: ${head} ${describePlan(r)}`);
    else {
      ctx.out.print(
        `${head}: ${r.findings} findings: ${r.new} new, ${r.unchanged} unchanged, ${r.fixed} fixed, ${r.reopened} reopened; ` +
          `issues: ${r.issuesCreated} created, ${r.issuesResolved} resolved, ${r.issuesReopened} reopened`,
      );
    }
  }
}

/** --root, else ingest.root of punchlist.yaml, else the git work tree, else the current directory. */
export function ingestRoot(explicit: string | undefined, loaded: LoadedConfig): string {
  if (explicit !== undefined) return resolve(explicit);
  if (loaded.config.ingest.root !== undefined) return resolve(loaded.baseDir, loaded.config.ingest.root);
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

export function defaultCommit(): string | null {
  const fromEnv = process.env.GITHUB_SHA ?? process.env.CI_COMMIT_SHA;
  if (fromEnv) return fromEnv;
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 2_000 }).trim() || null;
  } catch {
    return null;
  }
}
