// Escalation over HTTP: one sweep on demand (dry run or real), what fired and how delivery went
// (?failed=true for retrying or dead deliveries), the open issues by time to breach, one issue's
// clock, and acknowledgements.
// Levels themselves are a plan section (PUT /api/projects/:project/plan/escalation-levels).
import { z } from 'zod';
import { keySchema } from '../../domain/document.js';
import type { Store } from '../../domain/ports.js';
import { createSender } from '../../delivery/send.js';
import { badInput } from '../../domain/errors.js';
import { acknowledge, type EscalationSettings, issueClocks, slaList, sweep } from '../../services/escalation.js';
import { deliverDue } from '../../services/escalation-delivery.js';
import { issueParams, loadProject, projectParams } from '../http.js';
import type { App } from '../types.js';

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export function escalationRoutes(app: App, store: Store, settings: () => EscalationSettings): void {
  // A member may run what the schedule would run anyway: a real sweep fires only what is due now
  // (each once, by the store's unique key), so it can only bring a firing forward to the present.
  // Sweeping as if at another time (`at`) is for a dry run only; the CLI's `escalate --at` stays
  // the operator's tool.
  app.post('/api/projects/:project/escalate', {
    config: { role: 'member' },
    schema: {
      tags: ['escalation'],
      summary: 'Run one escalation sweep of the project now (dryRun: say what would fire, write and send nothing), then deliver what is due',
      params: projectParams,
      body: z.object({ dryRun: z.boolean().default(false), at: z.iso.datetime({ offset: true }).optional() }).strict().optional(),
    },
  }, async (request) => {
    const project = await loadProject(store, request);
    const dryRun = request.body?.dryRun ?? false;
    const at = request.body?.at;
    if (at !== undefined && !dryRun) throw badInput('escalate: "at" is for a dry run only; a real sweep runs at the server\'s time');
    const current = settings();
    const result = await sweep(store, project, current, { now: at === undefined ? new Date() : new Date(at), dryRun, actor: request.principal!.actor });
    if (dryRun) return { ...result, deliveries: [] };
    const send = createSender({ timeoutMs: current.escalation.delivery.timeoutSeconds * 1_000, smtp: current.escalation.smtp });
    return { ...result, deliveries: await deliverDue(store, current, send) };
  });

  app.get('/api/projects/:project/escalations', {
    config: { role: 'viewer' },
    schema: {
      tags: ['escalation'],
      summary: 'Escalations fired, newest first, with every delivery (channel names only; URLs and secrets never leave the server)',
      params: projectParams,
      querystring: z.object({ failed: flag.optional(), open: flag.optional(), issue: keySchema.optional(), limit: z.coerce.number().int().min(1).max(1_000).default(100) }),
    },
  }, async (request) => {
    const project = await loadProject(store, request);
    const { failed, open, issue, limit } = request.query;
    return { items: await store.escalations.list(project.id, { limit, ...(failed ? { failed } : {}), ...(open ? { open } : {}), ...(issue ? { issueKey: issue } : {}) }) };
  });

  app.get('/api/projects/:project/sla', {
    config: { role: 'viewer' },
    schema: { tags: ['escalation'], summary: 'Open issues by time to breach of their escalation levels, overdue first', params: projectParams, querystring: z.object({ limit: z.coerce.number().int().min(1).max(1_000).default(50) }) },
  }, async (request) => ({ items: await slaList(store, await loadProject(store, request), settings(), { limit: request.query.limit }) }));

  app.get('/api/projects/:project/issues/:key/escalation', {
    config: { role: 'viewer' },
    schema: { tags: ['escalation'], summary: "One issue's escalation clock per level (time left or overdue) and its escalations", params: issueParams },
  }, async (request) => issueClocks(store, await loadProject(store, request), request.params.key, settings()));

  app.post('/api/projects/:project/issues/:key/ack', {
    config: { role: 'member' },
    schema: {
      tags: ['escalation'],
      summary: "Acknowledge an issue's escalations (one level, or all): stops their repeats; recorded in the log",
      params: issueParams,
      body: z.object({ level: z.number().int().min(1).max(100).optional() }).optional(),
    },
  }, async (request) => {
    const project = await loadProject(store, request);
    const acked = await acknowledge(store, project, request.params.key, request.body?.level ?? null, { actor: request.principal!.actor });
    return { items: acked };
  });
}
