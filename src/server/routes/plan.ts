// The plan of a project: phases, risks, teams, escalation levels, actions and notes (read), and
// risks, teams and escalation levels replaced whole by an admin (versioned by content hash).
import { z } from 'zod';
import type { Store } from '../../domain/ports.js';
import { EDITABLE_SECTIONS, type EditableSection, readSection, replaceSection } from '../../services/sections.js';
import { actorOf } from '../auth.js';
import { orCurrent, projectParams, loadProject } from '../http.js';
import { PunchlistError } from '../../domain/errors.js';
import type { EventBus } from '../live.js';
import type { App } from '../types.js';

const READABLE = { phases: 'phases', risks: 'risks', teams: 'teams', 'escalation-levels': 'escalation', actions: 'actions', notes: 'notes' } as const;
const EDITABLE: Record<string, EditableSection> = { risks: 'risks', teams: 'teams', 'escalation-levels': 'escalation' };

function sectionEtag(request: { headers: Record<string, string | string[] | undefined> }, bodyVersion: string | undefined): string {
  const header = request.headers['if-match'];
  if (typeof header === 'string') return header.replace(/^(W\/)?"|"$/g, '');
  if (bodyVersion !== undefined) return bodyVersion;
  throw new PunchlistError('version_required', 'version: send If-Match with the ETag you read, or "version" in the body');
}

export function planRoutes(app: App, store: Store, bus: EventBus): void {
  for (const [path, section] of Object.entries(READABLE)) {
    app.get(`/api/projects/:project/${path}`, {
      config: { role: 'viewer' },
      schema: { tags: ['plan'], summary: `The project's ${path.replace('-', ' ')}`, params: projectParams },
    }, async (request, reply) => {
      const { items, version } = await readSection(store, await loadProject(store, request), section);
      void reply.header('etag', `"${version}"`);
      return { items, version };
    });
  }
  for (const [path, section] of Object.entries(EDITABLE)) {
    app.put(`/api/projects/:project/${path}`, {
      config: { role: 'admin' },
      schema: {
        tags: ['plan'],
        summary: `Replace the ${path.replace('-', ' ')} (admin; If-Match or version required)`,
        params: projectParams,
        body: z.object({ items: EDITABLE_SECTIONS[section], version: z.string().max(64).optional() }).strict(),
      },
    }, async (request, reply) => {
      const project = await loadProject(store, request);
      const expected = sectionEtag(request, request.body.version);
      const result = await orCurrent(
        replaceSection(store, project, section, request.body.items, { actor: actorOf(request), expectedVersion: expected }),
        () => readSection(store, project, section),
      );
      bus.publish({ project: project.key, type: 'project.changed', data: { section } });
      void reply.header('etag', `"${result.version}"`);
      return result;
    });
  }
}
