// Time: the standup, the forecast, daily snapshots, and the project's event log.
import { z } from 'zod';
import { daySchema } from '../../domain/date-schemas.js';
import { keySchema } from '../../domain/document.js';
import { LIMITS } from '../../domain/limits.js';
import type { Store } from '../../domain/ports.js';
import { forecastProject } from '../../services/forecast.js';
import { takeSnapshot } from '../../services/snapshots.js';
import { buildStandup } from '../../services/standup.js';
import { loadProject, projectParams } from '../http.js';
import { presentEvent } from '../presenters/issue.js';
import type { App } from '../types.js';

const day = daySchema;

export function timeRoutes(app: App, store: Store): void {
  app.get('/api/projects/:project/standup', {
    config: { role: 'viewer' },
    schema: { tags: ['time'], summary: 'The standup: per tier completed / in progress / blocked, focus and next', params: projectParams, querystring: z.object({ date: day.optional() }) },
  }, async (request) => buildStandup(store, await loadProject(store, request), request.query.date));

  app.get('/api/projects/:project/forecast', {
    config: { role: 'viewer' },
    schema: {
      tags: ['time'],
      summary: 'Monte Carlo completion dates per phase (p50, p85) from observed throughput',
      params: projectParams,
      querystring: z.object({ phase: keySchema.optional(), today: day.optional() }),
    },
  }, async (request) => {
    const { phase, today } = request.query;
    return { items: await forecastProject(store, await loadProject(store, request), { ...(phase ? { phase } : {}), ...(today ? { today } : {}) }) };
  });

  app.post('/api/projects/:project/snapshots', {
    config: { role: 'member' },
    schema: { tags: ['time'], summary: "Record today's counts per severity × status (idempotent per day)", params: projectParams },
  }, async (request, reply) => {
    const project = await loadProject(store, request);
    return reply.code(201).send(await store.write((tx) => takeSnapshot(tx, project)));
  });

  app.get('/api/projects/:project/log', {
    config: { role: 'viewer' },
    schema: {
      tags: ['time'],
      summary: 'The append-only event log: who, when, what changed (newest last)',
      params: projectParams,
      querystring: z.object({ key: z.string().max(LIMITS.keyLength).optional(), limit: z.coerce.number().int().min(1).max(LIMITS.pageSize).default(200) }),
    },
  }, async (request) => {
    const project = await loadProject(store, request);
    const { key, limit } = request.query;
    return { items: (await store.events.list(project.id, { ...(key ? { entityKey: key } : {}), limit })).map(presentEvent) };
  });
}
