// /api/projects — the projects of the store: list, show, create, rename, delete.
import { projectSchema } from '../../domain/document.js';
import type { Store } from '../../domain/ports.js';
import { createProject, deleteProject, requireProject, updateProject } from '../../services/projects.js';
import { actorOf } from '../auth.js';
import { expectedVersion, orCurrent, projectParams, versionField, withEtag } from '../http.js';
import type { EventBus } from '../live.js';
import { presentProject } from '../presenters/project.js';
import type { App } from '../types.js';

const createBody = projectSchema.partial().extend({ key: projectSchema.shape.key, name: projectSchema.shape.name }).strict();
const patchBody = projectSchema.omit({ key: true }).partial().extend({ version: versionField }).strict();

export function projectRoutes(app: App, store: Store, bus: EventBus): void {
  app.get('/api/projects', {
    config: { role: 'viewer' },
    schema: { tags: ['projects'], summary: 'Every project in the store' },
  }, async () => ({ items: (await store.projects.list()).map(presentProject) }));

  app.post('/api/projects', {
    config: { role: 'admin' },
    schema: { tags: ['projects'], summary: 'Create a project (admin)', body: createBody },
  }, async (request, reply) => {
    const project = await createProject(store, request.body, { actor: actorOf(request) });
    return reply.code(201).send(withEtag(reply, presentProject(project)));
  });

  app.get('/api/projects/:project', {
    config: { role: 'viewer' },
    schema: { tags: ['projects'], summary: 'One project', params: projectParams },
  }, async (request, reply) => withEtag(reply, presentProject(await requireProject(store, request.params.project))));

  app.patch('/api/projects/:project', {
    config: { role: 'admin' },
    schema: { tags: ['projects'], summary: 'Change a project (admin; If-Match or version required)', params: projectParams, body: patchBody },
  }, async (request, reply) => {
    const { version, ...patch } = request.body;
    const project = await orCurrent(
      updateProject(store, request.params.project, patch, { actor: actorOf(request), expectedVersion: expectedVersion(request, version)! }),
      async () => presentProject(await requireProject(store, request.params.project)),
    );
    bus.publish({ project: project.key, type: 'project.changed', version: project.version });
    return withEtag(reply, presentProject(project));
  });

  app.delete('/api/projects/:project', {
    config: { role: 'admin' },
    schema: {
      tags: ['projects'],
      summary: 'Delete a project and everything in it: issues, history, findings, runs, checklists, KPIs, sign-offs, escalations (admin; If-Match required). Written to the account log.',
      params: projectParams,
    },
  }, async (request) => {
    const key = request.params.project;
    const deleted = await orCurrent(
      deleteProject(store, key, { actor: actorOf(request), expectedVersion: expectedVersion(request)! }),
      async () => presentProject(await requireProject(store, key)),
    );
    bus.publish({ project: deleted.key, type: 'project.deleted', data: { issues: deleted.issues } });
    return { deleted };
  });
}
