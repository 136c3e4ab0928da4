// KPIs against their targets, their history, and recording a value.
import { z } from 'zod';
import { keySchema } from '../../domain/document.js';
import type { Store } from '../../domain/ports.js';
import { kpiHistory, listKpis, recordKpi } from '../../services/kpis.js';
import { actorOf } from '../auth.js';
import { loadProject, projectParams } from '../http.js';
import type { EventBus } from '../live.js';
import type { App } from '../types.js';

const kpiParams = projectParams.extend({ kpi: keySchema });

export function kpiRoutes(app: App, store: Store, bus: EventBus): void {
  app.get('/api/projects/:project/kpis', {
    config: { role: 'viewer' },
    schema: { tags: ['kpis'], summary: 'Each KPI: target, latest value, on track or not', params: projectParams },
  }, async (request) => ({ items: await listKpis(store, await loadProject(store, request)) }));

  app.get('/api/projects/:project/kpis/:kpi/history', {
    config: { role: 'viewer' },
    schema: { tags: ['kpis'], summary: 'Every recorded value of a KPI, oldest first', params: kpiParams },
  }, async (request) => ({ items: await kpiHistory(store, await loadProject(store, request), request.params.kpi) }));

  app.post('/api/projects/:project/kpis/:kpi/values', {
    config: { role: 'member' },
    schema: {
      tags: ['kpis'],
      summary: 'Record a KPI value (values accumulate; none is overwritten)',
      params: kpiParams,
      body: z.object({ value: z.union([z.number().finite(), z.string().max(50)]), at: z.string().max(40).optional() }).strict(),
    },
  }, async (request, reply) => {
    const project = await loadProject(store, request);
    const { value, at } = request.body;
    const result = await recordKpi(store, project, { key: request.params.kpi, value: String(value), ...(at ? { at } : {}) }, actorOf(request));
    bus.publish({ project: project.key, type: 'kpi.recorded', key: result.value.key });
    bus.publish({ project: project.key, type: 'gate.changed' });
    return reply.code(201).send({ ...result.value, defined: result.defined });
  });
}
