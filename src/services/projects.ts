// Project use cases shared by the CLI (`init`, `project delete`) and the API: create, look up,
// rename, delete.
import { type ProjectDoc, projectSchema } from '../domain/document.js';
import { notFound, PunchlistError } from '../domain/errors.js';
import type { Project } from '../domain/model.js';
import type { Store, StoreSession } from '../domain/ports.js';
import { parseWith } from '../domain/validate.js';
import type { ChangeContext } from './issues.js';

export async function requireProject(session: StoreSession, key: string): Promise<Project> {
  const project = await session.projects.get(key);
  if (!project) throw notFound(`project: no project "${key}"`);
  return project;
}

export async function createProject(store: Store, input: Partial<ProjectDoc> & { key: string; name: string }, ctx: ChangeContext): Promise<Project> {
  const doc = parseWith(
    projectSchema,
    { title: null, owner: null, date: null, status: null, summary: null, ...input },
    'project',
  );
  return store.write(async (tx) => {
    if (await tx.projects.get(doc.key)) throw new PunchlistError('duplicate', `project: "${doc.key}" already exists in ${store.location}`);
    const at = ctx.at ?? new Date().toISOString();
    const created = await tx.projects.insert(doc, at);
    await tx.events.append(created.id, [{ actor: ctx.actor, at, action: 'project.created', entity: 'project', entityKey: doc.key, data: { after: doc } }]);
    return created;
  });
}

export async function updateProject(
  store: Store,
  key: string,
  patch: Partial<Omit<ProjectDoc, 'key'>>,
  ctx: ChangeContext & { expectedVersion: number },
): Promise<Project> {
  return store.write(async (tx) => {
    const current = await requireProject(tx, key);
    const next = parseWith(projectSchema, { ...pick(current), ...patch, key }, 'project');
    const at = ctx.at ?? new Date().toISOString();
    const updated = await tx.projects.update(current.id, next, ctx.expectedVersion);
    await tx.events.append(current.id, [
      { actor: ctx.actor, at, action: 'project.updated', entity: 'project', entityKey: key, data: { before: pick(current), after: next } },
    ]);
    return updated;
  });
}

export interface DeletedProject {
  key: string;
  name: string;
  /** How many issues went with it. */
  issues: number;
}

/**
 * Deletes a project and every row that belongs to it, in one transaction. Its own event log goes
 * with it, so the deletion is written to the store-wide account log (who, when, what). Without
 * `expectedVersion` (the CLI, after `--yes`) the current version is taken.
 */
export async function deleteProject(store: Store, key: string, ctx: ChangeContext & { expectedVersion?: number }): Promise<DeletedProject> {
  return store.write(async (tx) => {
    const project = await requireProject(tx, key);
    const issues = await tx.issues.count(project.id);
    await tx.projects.remove(project.id, ctx.expectedVersion ?? project.version);
    const at = ctx.at ?? new Date().toISOString();
    await tx.accounts.logEvent({ at, actor: ctx.actor, action: 'project.deleted', subject: project.key, data: { name: project.name, version: project.version, issues } });
    return { key: project.key, name: project.name, issues };
  });
}

const pick = (p: Project): ProjectDoc => ({
  key: p.key,
  name: p.name,
  title: p.title,
  owner: p.owner,
  date: p.date,
  status: p.status,
  summary: p.summary,
});
