// Checklists and phase tasks (live rule results), tick/untick, gates, sign-offs and verify,
// and trying a rule without saving it.
import { z } from 'zod';
import { keySchema } from '../../domain/document.js';
import type { Store } from '../../domain/ports.js';
import { gateJson } from '../../rules/gate.js';
import { listChecks, runGate, setChecked, tryRule } from '../../services/checks.js';
import { approve, verifySignoffs } from '../../services/signoffs.js';
import { actorOf } from '../auth.js';
import { loadProject, projectParams } from '../http.js';
import type { EventBus } from '../live.js';
import { presentChecklist, presentSignoff } from '../presenters/checks.js';
import type { App } from '../types.js';

const listParams = projectParams.extend({ list: keySchema });
const itemParams = listParams.extend({ item: z.string().min(1).max(500).describe('the item number (1-based) or a unique fragment of its text') });

export function checkRoutes(app: App, store: Store, bus: EventBus): void {
  app.get('/api/projects/:project/checklists', {
    config: { role: 'viewer' },
    schema: { tags: ['checklists'], summary: 'Every checklist and phase with live item status', params: projectParams },
  }, async (request) => ({ items: (await listChecks(store, await loadProject(store, request))).map(presentChecklist) }));

  app.get('/api/projects/:project/checklists/:list', {
    config: { role: 'viewer' },
    schema: { tags: ['checklists'], summary: 'One checklist or phase with live item status', params: listParams },
  }, async (request) => presentChecklist((await listChecks(store, await loadProject(store, request), request.params.list))[0]!));

  for (const [name, done] of [['tick', true], ['untick', false]] as const) {
    app.post(`/api/projects/:project/checklists/:list/items/:item/${name}`, {
      config: { role: 'member' },
      schema: { tags: ['checklists'], summary: done ? 'Mark a manual item done (who and when are kept)' : 'Mark a manual item not done', params: itemParams },
    }, async (request) => {
      const project = await loadProject(store, request);
      const result = await setChecked(store, project, request.params.list, request.params.item, done, { actor: actorOf(request) });
      if (result.changed) {
        bus.publish({ project: project.key, type: 'checklist.changed', key: result.list });
        bus.publish({ project: project.key, type: 'gate.changed', key: result.list });
      }
      return { ...result, index: result.index + 1 };
    });
  }

  app.post('/api/projects/:project/checklists/:list/items/:item/approve', {
    config: { role: 'member' },
    schema: { tags: ['sign-offs'], summary: 'Sign off an item: tamper-evident (hash chain), records who and when', params: itemParams },
  }, async (request, reply) => {
    const project = await loadProject(store, request);
    const signoff = await approve(store, project, request.params.list, request.params.item, { actor: actorOf(request) });
    bus.publish({ project: project.key, type: 'gate.changed', key: signoff.checklistKey });
    return reply.code(201).send(presentSignoff(signoff));
  });

  app.get('/api/projects/:project/gates', {
    config: { role: 'viewer' },
    schema: { tags: ['gates'], summary: 'Every checklist and phase as a gate: passed or not, with why', params: projectParams },
  }, async (request) => ({ items: (await listChecks(store, await loadProject(store, request))).map(gateJson) }));

  app.get('/api/projects/:project/gates/:list', {
    config: { role: 'viewer' },
    schema: { tags: ['gates'], summary: 'Evaluate one gate (passed is false when any item fails or has no data)', params: listParams },
  }, async (request) => presentChecklist(await runGate(store, await loadProject(store, request), request.params.list)));

  app.get('/api/projects/:project/signoffs', {
    config: { role: 'viewer' },
    schema: { tags: ['sign-offs'], summary: 'The sign-off chain, oldest first', params: projectParams },
  }, async (request) => ({ items: (await store.tracking.signoffs((await loadProject(store, request)).id)).map(presentSignoff) }));

  app.get('/api/projects/:project/signoffs/verify', {
    config: { role: 'viewer' },
    schema: { tags: ['sign-offs'], summary: 'Re-walk the hash chain: ok is false when a sign-off was altered', params: projectParams },
  }, async (request) => verifySignoffs(store, await loadProject(store, request)));

  app.post('/api/projects/:project/rules/eval', {
    config: { role: 'viewer' },
    schema: { tags: ['checklists'], summary: 'Try a CEL rule on the live project without saving it', params: projectParams, body: z.object({ rule: z.string().min(1).max(5_000) }).strict() },
  }, async (request) => {
    const e = await tryRule(store, await loadProject(store, request), request.body.rule);
    return { rule: request.body.rule, status: e.status, reason: e.reason, fix: e.fix ?? null };
  });
}
