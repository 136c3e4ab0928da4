// POST /api/projects/:project/ingest — tool output uploaded as multipart/form-data: each file
// part is streamed to a temporary directory (never held in memory), then reconciled by the
// ingest service in a child process, so other requests keep being answered meanwhile.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { badInput } from '../../domain/errors.js';
import type { Store } from '../../domain/ports.js';
import { FORMATS } from '../../ingest/types.js';
import { actorOf } from '../auth.js';
import { loadProject, projectParams } from '../http.js';
import { runIngestJob } from '../ingest-runner.js';
import type { EventBus } from '../live.js';
import type { Metrics } from '../metrics.js';
import type { App } from '../types.js';
import { receiveUpload, UPLOAD_LIMITS } from '../uploads.js';

const fieldsSchema = z
  .object({
    tool: z.enum(['auto', ...FORMATS]).default('auto'),
    scope: z.string().min(1).max(200).optional(),
    commit: z.string().max(100).optional(),
    root: z.string().max(1_000).optional(),
    dryRun: z.enum(['true', 'false']).transform((v) => v === 'true').default(false),
  })
  .strict();

export function ingestRoutes(app: App, store: Store, bus: EventBus, storeLocation: string | null, metrics: Metrics): void {
  app.post('/api/projects/:project/ingest', {
    config: { role: 'member' },
    schema: {
      tags: ['ingest'],
      summary: 'Upload tool output (multipart/form-data: file parts, optional tool, scope, commit, root, dryRun fields)',
      params: projectParams,
      consumes: ['multipart/form-data'],
    },
  }, async (request) => {
    if (!request.isMultipart()) throw badInput('ingest: send the reports as multipart/form-data file parts');
    const project = await loadProject(store, request);
    const started = performance.now();
    const dir = await mkdtemp(join(tmpdir(), 'punchlist-upload-'));
    try {
      const { files, fields } = await receiveUpload(request.parts({ limits: UPLOAD_LIMITS }), dir);
      if (files.length === 0) throw badInput('ingest: no file parts in the upload');
      const parsed = fieldsSchema.safeParse(fields);
      if (!parsed.success) throw badInput(`ingest: ${parsed.error.issues[0]?.path.join('.') || 'fields'}: ${parsed.error.issues[0]?.message}`);
      const { tool, scope, commit, root, dryRun } = parsed.data;
      if (!storeLocation) throw badInput('ingest: this server runs on an in-memory store; use the CLI');
      const result = await runIngestJob({
        storeLocation,
        project: project.key,
        actor: actorOf(request),
        files,
        tool,
        root: root ?? dir,
        cwd: dir,
        dryRun,
        ...(scope ? { scope } : {}),
        ...(commit ? { commit } : {}),
      });
      const reports = (Array.isArray(result) ? result : [result]) as { findings?: number }[];
      metrics.observeIngest((performance.now() - started) / 1000, reports.reduce((n, r) => n + (r.findings ?? 0), 0));
      if (!dryRun) {
        bus.publish({ project: project.key, type: 'ingest.landed' });
        bus.publish({ project: project.key, type: 'gate.changed' });
      }
      return { dryRun, reports };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}
