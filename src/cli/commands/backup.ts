// backup / restore: the whole store as JSON lines (docs/backup.md), and back into an empty store,
// or (--replace) over the projects of a store in use, keeping its accounts.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { badInput } from '../../domain/errors.js';
import { restoreBackup, writeBackup } from '../../services/backup.js';
import type { CliContext } from '../context.js';
import { openOutputFile } from '../output-file.js';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('backup')
    .description('write the whole store (every project, its history and counters) to a file or standard output')
    .option('-o, --output <file>', 'write to this file (written whole, or not at all)')
    .action(async (o: { output?: string }) => {
      // Checked before the store is opened: a typo in the path costs nothing.
      const file = o.output === undefined ? null : await openOutputFile(o.output);
      const store = await ctx.store();
      try {
        const summary = await writeBackup(store, async (chunk) => (file ? file.write(chunk) : ctx.out.raw(chunk)));
        await file?.commit();
        const total = Object.values(summary.rows).reduce((a, b) => a + b, 0);
        if (file) {
          if (ctx.json) ctx.out.json({ ok: true, file: o.output, ...summary });
          else ctx.out.warn(`Wrote ${o.output}: ${summary.tables} tables, ${total.toLocaleString('en')} rows`);
        }
      } finally {
        await file?.abort();
      }
    });

  program
    .command('restore')
    .argument('<file>', 'a file written by `punchlist backup`')
    .description('rebuild a store from a backup: into an empty store (SQLite or PostgreSQL), or with --replace over a store in use')
    .option('--replace', "replace every project of a store that is not empty with the backup's, in one transaction; the store's accounts and tokens are kept")
    .action(async (path: string, o: { replace?: boolean }) => {
      // A missing file or a directory is refused before the store is touched.
      const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
        throw badInput(`${path}: cannot read (${error.code ?? error.message})`);
      });
      if (!info.isFile()) throw badInput(`${path}: not a file`);
      const store = await ctx.store({ create: true });
      const summary = await restoreBackup(store, linesOf(path), path, { replace: o.replace === true, actor: ctx.actor() });
      const total = Object.entries(summary.rows).reduce((n, [table, count]) => n + (table in summary.skipped ? 0 : count), 0);
      if (ctx.json) return ctx.out.json({ ok: true, ...summary });
      ctx.out.print(`Restored ${summary.tables - summary.kept.length} tables, ${total.toLocaleString('en')} rows into ${store.location}`);
      if (summary.kept.length > 0) ctx.out.print(`Kept this store's accounts (${summary.kept.join(', ')}); the backup's were not restored`);
    });
}

/**
 * The file's lines, read only once iteration starts: a readline interface made earlier would
 * emit lines while the store is still being opened, and they would be lost.
 */
async function* linesOf(path: string): AsyncGenerator<string> {
  const input = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of lines) yield line;
  } catch (error) {
    throw badInput(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  } finally {
    lines.close();
    input.destroy();
  }
}
