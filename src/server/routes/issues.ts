// /api/projects/:project/issues — the register: list (filters, sort, search, cursor pages),
// show, create, patch, transitions, comments, history, delete. Each route: auth (config.role)
// → validate (schema) → service (one transaction) → presenter.
import { z } from 'zod';
import { SEVERITIES, STATUSES } from '../../domain/enums.js';
import { LIMITS } from '../../domain/limits.js';
import { ISSUE_SORTS, type IssueSort } from '../../domain/model.js';
import { listIssuePage } from '../../services/issue-list.js';
import {
  addIssue,
  commentIssue,
  deleteIssue,
  issueInputSchema,
  requireIssue,
  transitionIssue,
  updateIssue,
} from '../../services/issues.js';
import { keySchema } from '../../domain/document.js';
import { actorOf } from '../auth.js';
import { expectedVersion, issueParams, loadProject, orCurrent, projectParams, versionField, withEtag } from '../http.js';
import type { EventBus } from '../live.js';
import { createPageCache, markedValues } from '../page-cache.js';
import { presentComment, presentEvent, presentIssue } from '../presenters/issue.js';
import type { App } from '../types.js';
import type { Store } from '../../domain/ports.js';
import type { Project } from '../../domain/model.js';

const csvOf = <T extends string>(values: readonly T[]) =>
  z
    .string()
    .max(500)
    .transform((s, ctx) => {
      const items = s.split(',').map((v) => v.trim()).filter(Boolean);
      for (const item of items) {
        if (!(values as readonly string[]).includes(item)) {
          ctx.addIssue({ code: 'custom', message: `"${item}" is not one of ${values.join(', ')}` });
          return z.NEVER;
        }
      }
      return items as T[];
    });

const SORT_VALUES = ISSUE_SORTS.flatMap((s) => [s, `-${s}`]) as [string, ...string[]];

export const listQuery = z.object({
  severity: csvOf(SEVERITIES).optional().describe('comma-separated severities'),
  status: csvOf(STATUSES).optional().describe('comma-separated statuses'),
  owner: z.string().max(LIMITS.ownerLength).optional(),
  phase: z.string().max(LIMITS.keyLength).optional(),
  label: z.string().max(LIMITS.labelLength).optional(),
  q: z.string().max(500).optional().describe('full-text search over key, title, description and files'),
  open: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  sort: z.enum(SORT_VALUES).default('severity').describe('severity (default), created, updated or key; "-" for descending'),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSize).default(50),
  cursor: z.string().max(2_000).optional().describe('nextCursor of the previous page'),
  total: z.enum(['true', 'false']).transform((v) => v === 'true').optional().describe('also count every match'),
});

const createBody = issueInputSchema.extend({
  title: issueInputSchema.shape.title.unwrap(),
  severity: issueInputSchema.shape.severity.unwrap(),
  key: keySchema.optional(),
});
const patchBody = issueInputSchema.extend({ version: versionField }).strict();
export const TRANSITIONS = ['start', 'resolve', 'block', 'reopen', 'wontfix'] as const;
const transitionBody = z.object({ action: z.enum(TRANSITIONS), reason: z.string().max(LIMITS.textLength).optional(), version: versionField }).strict();
const commentBody = z.object({ body: z.string().min(1).max(LIMITS.textLength) }).strict();

export function issueRoutes(app: App, store: Store, bus: EventBus): void {
  const pages = createPageCache(store);
  // A page not kept still needs its project: looked up again only when the store changed.
  const projects = markedValues<Project>();
  const changed = (project: string, issue: { key: string; version: number }) =>
    bus.publish({ project, type: 'issue.changed', key: issue.key, version: issue.version });

  app.get('/api/projects/:project/issues', {
    config: { role: 'viewer' },
    schema: { tags: ['issues'], summary: 'List issues (filters, sort, search, cursor pages)', params: projectParams, querystring: listQuery },
  }, async (request, reply) => {
    // The same page asked again while the store has not changed is sent from the page cache.
    const body = await pages.json(request.url, (mark) => listPage(request.params, request.query, mark));
    return reply.type('application/json; charset=utf-8').send(body);
  });

  async function listPage(params: z.infer<typeof projectParams>, query: z.infer<typeof listQuery>, mark: string) {
    const project = await projects.get(params.project, mark, () => loadProject(store, { params }));
    const { severity, status, owner, phase, label, q, open, sort, limit, cursor, total } = query;
    const page = await listIssuePage(store, project, {
      limit,
      sort: sort.replace(/^-/, '') as IssueSort,
      descending: sort.startsWith('-'),
      ...(severity?.length ? { severity } : {}),
      ...(status?.length ? { status } : {}),
      ...(owner !== undefined ? { owner } : {}),
      ...(phase !== undefined ? { phase } : {}),
      ...(label !== undefined ? { label } : {}),
      ...(q !== undefined ? { text: q } : {}),
      ...(open ? { open } : {}),
      ...(cursor ? { cursor } : {}),
      ...(total ? { withTotal: true } : {}),
    });
    return { items: page.items.map(presentIssue), nextCursor: page.nextCursor, ...(page.total !== undefined ? { total: page.total } : {}) };
  }

  app.post('/api/projects/:project/issues', {
    config: { role: 'member' },
    schema: { tags: ['issues'], summary: 'Create an issue', params: projectParams, body: createBody },
  }, async (request, reply) => {
    const project = await loadProject(store, request);
    const { key, ...fields } = request.body;
    const issue = await addIssue(store, project, { ...fields, ...(key ? { key } : {}) }, { actor: actorOf(request) });
    changed(project.key, issue);
    return reply.code(201).send(withEtag(reply, presentIssue(issue)));
  });

  app.get('/api/projects/:project/issues/:key', {
    config: { role: 'viewer' },
    schema: { tags: ['issues'], summary: 'One issue with its comments and history', params: issueParams },
  }, async (request, reply) => {
    const project = await loadProject(store, request);
    const issue = await requireIssue(store, project, request.params.key);
    const [comments, history] = await Promise.all([
      store.issues.comments(issue.id),
      store.events.list(project.id, { entityKey: issue.key, limit: 200 }),
    ]);
    return withEtag(reply, { ...presentIssue(issue), comments: comments.map(presentComment), history: history.map(presentEvent) });
  });

  app.patch('/api/projects/:project/issues/:key', {
    config: { role: 'member' },
    schema: { tags: ['issues'], summary: 'Change fields (If-Match or version required)', params: issueParams, body: patchBody },
  }, async (request, reply) => {
    const project = await loadProject(store, request);
    const { version, ...fields } = request.body;
    const issue = await orCurrent(
      updateIssue(store, project, request.params.key, fields, { actor: actorOf(request), expectedVersion: expectedVersion(request, version)! }),
      async () => presentIssue(await requireIssue(store, project, request.params.key)),
    );
    changed(project.key, issue);
    return withEtag(reply, presentIssue(issue));
  });

  app.post('/api/projects/:project/issues/:key/transitions', {
    config: { role: 'member' },
    schema: { tags: ['issues'], summary: 'start | resolve | block | reopen | wontfix', params: issueParams, body: transitionBody },
  }, async (request, reply) => {
    const project = await loadProject(store, request);
    const { action, reason, version } = request.body;
    const expected = expectedVersion(request, version, false);
    const issue = await orCurrent(
      transitionIssue(store, project, request.params.key, action, {
        actor: actorOf(request),
        ...(reason ? { reason } : {}),
        ...(expected !== undefined ? { expectedVersion: expected } : {}),
      }),
      async () => presentIssue(await requireIssue(store, project, request.params.key)),
    );
    changed(project.key, issue);
    return withEtag(reply, presentIssue(issue));
  });

  app.delete('/api/projects/:project/issues/:key', {
    config: { role: 'admin' },
    schema: { tags: ['issues'], summary: 'Delete an issue (admin)', params: issueParams },
  }, async (request, reply) => {
    const project = await loadProject(store, request);
    const expected = expectedVersion(request, undefined, false);
    await deleteIssue(store, project, request.params.key, { actor: actorOf(request), ...(expected !== undefined ? { expectedVersion: expected } : {}) });
    bus.publish({ project: project.key, type: 'issue.deleted', key: request.params.key });
    return reply.code(204).send();
  });

  app.get('/api/projects/:project/issues/:key/comments', {
    config: { role: 'viewer' },
    schema: { tags: ['issues'], summary: 'Comments of an issue, oldest first', params: issueParams },
  }, async (request) => {
    const project = await loadProject(store, request);
    const issue = await requireIssue(store, project, request.params.key);
    return { items: (await store.issues.comments(issue.id)).map(presentComment) };
  });

  app.post('/api/projects/:project/issues/:key/comments', {
    config: { role: 'member' },
    schema: { tags: ['issues'], summary: 'Comment on an issue', params: issueParams, body: commentBody },
  }, async (request, reply) => {
    const project = await loadProject(store, request);
    const comment = await commentIssue(store, project, request.params.key, request.body.body, { actor: actorOf(request) });
    bus.publish({ project: project.key, type: 'issue.changed', key: request.params.key });
    return reply.code(201).send(presentComment(comment));
  });

  app.get('/api/projects/:project/issues/:key/history', {
    config: { role: 'viewer' },
    schema: {
      tags: ['issues'],
      summary: 'The change log of one issue, oldest first',
      params: issueParams,
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(LIMITS.pageSize).default(200) }),
    },
  }, async (request) => {
    const project = await loadProject(store, request);
    await requireIssue(store, project, request.params.key);
    return { items: (await store.events.list(project.id, { entityKey: request.params.key, limit: request.query.limit })).map(presentEvent) };
  });
}
