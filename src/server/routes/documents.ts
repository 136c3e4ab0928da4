// Documents in and out: reports (md, html, json), export of the project document (json, yaml,
// md) and import (Markdown, JSON or YAML as the request body; dry run shows what would change).
import { stringify as toYaml } from 'yaml';
import { z } from 'zod';
import { keySchema } from '../../domain/document.js';
import { badInput } from '../../domain/errors.js';
import { LIMITS } from '../../domain/limits.js';
import type { Store } from '../../domain/ports.js';
import { parseDocumentText } from '../../services/document-text.js';
import { importMarkdown } from '../../services/markdown-import.js';
import { applyDocument, exportDocument } from '../../services/project-document.js';
import { renderProjectReport } from '../../services/reports.js';
import { actorOf } from '../auth.js';
import { loadProject, projectParams } from '../http.js';
import type { EventBus } from '../live.js';
import { presentProject } from '../presenters/project.js';
import type { App } from '../types.js';

const TEXT_TYPES = ['text/markdown', 'text/x-markdown', 'text/plain', 'application/yaml', 'application/x-yaml', 'text/yaml'];
const MEDIA = { md: 'text/markdown; charset=utf-8', html: 'text/html; charset=utf-8', json: 'application/json; charset=utf-8', yaml: 'application/yaml; charset=utf-8' };
const flag = z.enum(['true', 'false']).transform((v) => v === 'true').optional();

export function documentRoutes(app: App, store: Store, bus: EventBus): void {
  app.addContentTypeParser(TEXT_TYPES, { parseAs: 'string', bodyLimit: LIMITS.markdownBytes }, (_request, body, done) => done(null, body));

  app.get('/api/projects/:project/reports/:kind', {
    config: { role: 'viewer' },
    schema: {
      tags: ['documents'],
      summary: 'The audit, roadmap or standup from live state',
      params: projectParams.extend({ kind: z.enum(['audit', 'roadmap', 'standup']) }),
      querystring: z.object({ format: z.enum(['md', 'html', 'json']).default('md') }),
    },
  }, async (request, reply) => {
    const { format } = request.query;
    const text = await renderProjectReport(store, await loadProject(store, request), request.params.kind, format);
    if (format === 'html') void reply.helmet({ contentSecurityPolicy: { directives: { 'style-src': ["'self'", "'unsafe-inline'"] } } });
    return reply.type(MEDIA[format]).send(text);
  });

  app.get('/api/projects/:project/export', {
    config: { role: 'viewer' },
    schema: { tags: ['documents'], summary: 'The whole project as one document (json, yaml) or Markdown', params: projectParams, querystring: z.object({ format: z.enum(['json', 'yaml', 'md']).default('json') }) },
  }, async (request, reply) => {
    const project = await loadProject(store, request);
    const { format } = request.query;
    if (format === 'md') return reply.type(MEDIA.md).send(await renderProjectReport(store, project, 'audit', 'md'));
    const doc = await exportDocument(store, project.key);
    return format === 'json' ? reply.type(MEDIA.json).send(JSON.stringify(doc)) : reply.type(MEDIA.yaml).send(toYaml(doc, { lineWidth: 0 }));
  });

  app.post('/api/import', {
    config: { role: 'admin' },
    bodyLimit: LIMITS.markdownBytes,
    schema: {
      tags: ['documents'],
      summary: 'Import a document sent as the body: Markdown (text/markdown), YAML (application/yaml) or JSON (application/json)',
      querystring: z.object({ format: z.enum(['md', 'json', 'yaml']).optional(), project: keySchema.optional(), dryRun: flag, prune: flag }),
      body: z.unknown(),
    },
  }, async (request) => {
    const { project, dryRun = false, prune = false } = request.query;
    const type = String(request.headers['content-type'] ?? '').split(';')[0]!.trim();
    const format = request.query.format ?? (type === 'application/json' ? 'json' : type.includes('yaml') ? 'yaml' : 'md');
    const actor = actorOf(request);
    const body = request.body;
    const result =
      format === 'md'
        ? await importMarkdown(store, requireText(body), { actor, dryRun, prune, ...(project ? { projectKey: project } : {}) }).then((r) => ({
            recognised: r.parsed.recognised,
            notes: r.parsed.notes,
            warnings: r.parsed.warnings,
            ...r.applied,
          }))
        : await applyDocument(store, (typeof body === 'string' ? parseDocumentText(body, format, 'body') : body) as never, { actor, dryRun, prune });
    if (!dryRun) bus.publish({ project: result.project.key, type: 'import.landed' });
    return { dryRun, ...result, project: presentProject(result.project) };
  });
}

function requireText(body: unknown): string {
  if (typeof body !== 'string') throw badInput('body: send the Markdown as text/markdown');
  return body;
}
