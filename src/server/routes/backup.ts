// GET /api/backup — the whole store as JSON lines (docs/backup.md), streamed from one
// consistent snapshot by the same service as `punchlist backup`. Restore stays with the CLI:
// it needs an empty store, and a serving store always holds at least its accounts.
import { PassThrough } from 'node:stream';
import type { Store } from '../../domain/ports.js';
import { writeBackup } from '../../services/backup.js';
import type { App } from '../types.js';

export function backupRoutes(app: App, store: Store): void {
  app.get('/api/backup', {
    config: { role: 'admin' },
    schema: { tags: ['documents'], summary: 'Download a backup of the whole store (admin; JSON lines, restore with `punchlist restore FILE`)' },
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
}
