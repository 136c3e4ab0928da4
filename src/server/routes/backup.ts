// GET /api/backup — the whole store as JSON lines (docs/backup.md), streamed from one
// consistent snapshot by the same service as `punchlist backup`.
// POST /api/restore — a backup uploaded as multipart/form-data, streamed to disk, then restored
// by `punchlist restore --replace` in a child process: every project of the store is replaced
// by the backup's in one transaction, the store's accounts and tokens are kept. Any refusal
// (not a backup, truncated, a newer schema, over the size limit) leaves the store as it was.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { badInput } from '../../domain/errors.js';
import type { Store } from '../../domain/ports.js';
import { writeBackup } from '../../services/backup.js';
import { actorOf } from '../auth.js';
import { findBin, runCliJob } from '../ingest-runner.js';
import type { EventBus } from '../live.js';
import type { App } from '../types.js';
import { receiveUpload, UPLOAD_LIMITS } from '../uploads.js';

export interface RestoreRouteOptions {
  /** The store's path or URL, for the child that restores; null (in-memory) refuses restores. */
  storeLocation: string | null;
  /** Largest backup accepted, in bytes. */
  maxBytes: number;
}

export function backupRoutes(app: App, store: Store, bus: EventBus, options: RestoreRouteOptions): void {
  app.get('/api/backup', {
    config: { role: 'admin' },
    schema: { tags: ['documents'], summary: 'Download a backup of the whole store (admin; JSON lines; restore with POST /api/restore or `punchlist restore FILE`)' },
  }, async (request, reply) => {
    const out = new PassThrough();
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    void writeBackup(store, async (chunk) => {
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', resolve));
    }).then(
      () => out.end(),
      (error: unknown) => {
        // Headers are gone already: cut the stream short; a backup without its end line is refused on restore.
        request.log.error({ err: error }, 'backup failed');
        out.destroy(error as Error);
      },
    );
    return reply.type('application/x-ndjson').header('content-disposition', `attachment; filename="punchlist-${stamp}.jsonl"`).send(out);
  });

  app.post('/api/restore', {
    config: { role: 'admin' },
    schema: {
      tags: ['documents'],
      summary:
        "Replace every project with a backup's (admin; multipart/form-data with one file part, a file written by GET /api/backup or `punchlist backup`). " +
        "One transaction; the store's accounts and tokens are kept and the backup's skipped; live clients get data.replaced.",
      consumes: ['multipart/form-data'],
    },
  }, async (request) => {
    if (!request.isMultipart()) throw badInput('restore: send the backup as a multipart/form-data file part');
    if (!options.storeLocation) throw badInput('restore: this server runs on an in-memory store; use the CLI');
    const dir = await mkdtemp(join(tmpdir(), 'punchlist-restore-'));
    try {
      const { files, fields } = await receiveUpload(request.parts({ limits: { ...UPLOAD_LIMITS, files: 1, fileSize: options.maxBytes } }), dir, options.maxBytes);
      if (Object.keys(fields).length > 0) throw badInput(`restore: unexpected field ${Object.keys(fields)[0]}; send only the backup file`);
      const file = files[0];
      if (file === undefined) throw badInput('restore: no file part in the upload; send the backup file');
      const before = (await store.projects.list()).map((p) => p.key);
      const summary = (await runCliJob([findBin(), '--db', options.storeLocation, '--as', actorOf(request), '--json', 'restore', '--replace', file], dir, 'restore')) as {
        projects: string[];
      };
      for (const project of new Set([...before, ...summary.projects])) bus.publish({ project, type: 'data.replaced', data: { projects: summary.projects } });
      return summary;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}
