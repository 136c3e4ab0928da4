// The register over the API: cursor pages for the table, one issue with comments and history,
// and the writes (fields, transitions, comments) — optimistic, rolled back on a 409.
import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { FindingRecord } from '../../../../../src/domain/findings-port.ts';
import type { AuditEvent, Issue, IssueComment } from '../../../../../src/domain/model.ts';
import type { IssueClocks } from '../../../../../src/domain/views.ts';
import { api, isConflict, url } from '../../../lib/api-client.ts';
import type { Severity, Status } from '../../../lib/format.ts';

/** An issue as the API presents it. */
export type IssueView = Omit<Issue, 'id' | 'projectId' | 'groupKey' | 'manualFields'>;
export type CommentView = Omit<IssueComment, 'issueId'>;
export type EventView = Omit<AuditEvent, 'projectId'>;
export interface IssueDetail extends IssueView {
  comments: CommentView[];
  history: EventView[];
}

export const ISSUE_SORTS = ['severity', 'created', 'updated', 'key'] as const;
export type IssueSort = (typeof ISSUE_SORTS)[number];

/** The view of the register a URL describes (see the issues route's search params). */
export interface IssueFilters {
  severity?: Severity[];
  status?: Status[];
  owner?: string;
  phase?: string;
  label?: string;
  q?: string;
  open?: boolean;
  sort?: IssueSort;
  desc?: boolean;
}

export interface IssuePage {
  items: IssueView[];
  nextCursor: string | null;
  total?: number;
}

const base = (project: string) => `/api/projects/${encodeURIComponent(project)}/issues`;
export const PAGE_SIZE = 500;

export const issueListQuery = (project: string, filters: IssueFilters, pageSize = PAGE_SIZE) =>
  infiniteQueryOptions({
    queryKey: [project, 'issues', 'list', filters, pageSize],
    queryFn: ({ pageParam, signal }) =>
      api<IssuePage>(
        url(base(project), {
          severity: filters.severity,
          status: filters.status,
          owner: filters.owner,
          phase: filters.phase,
          label: filters.label,
          q: filters.q,
          open: filters.open ? 'true' : undefined,
          sort: `${filters.desc ? '-' : ''}${filters.sort ?? 'severity'}`,
          limit: pageSize,
          cursor: pageParam,
          total: pageParam ? undefined : 'true',
        }),
        { signal },
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const issueQuery = (project: string, key: string) =>
  queryOptions({
    queryKey: [project, 'issues', 'one', key],
    queryFn: ({ signal }) => api<IssueDetail>(`${base(project)}/${encodeURIComponent(key)}`, { signal }),
  });

export type IssuePatch = Partial<Pick<IssueView, 'title' | 'description' | 'severity' | 'status' | 'owner' | 'phase' | 'dueDate' | 'labels'>>;
export const TRANSITIONS = ['start', 'resolve', 'block', 'reopen', 'wontfix'] as const;
export type Transition = (typeof TRANSITIONS)[number];

export const patchIssue = (project: string, issue: Pick<IssueView, 'key' | 'version'>, patch: IssuePatch) =>
  api<IssueView>(`${base(project)}/${encodeURIComponent(issue.key)}`, { method: 'PATCH', json: patch, version: issue.version });

/** A board column: the first issues of one status, most severe first, with the count of all. */
export const boardColumnQuery = (project: string, status: Status, limit: number) =>
  queryOptions({
    queryKey: [project, 'issues', 'board', status, limit],
    queryFn: ({ signal }) => api<IssuePage>(url(base(project), { status: [status], limit, total: 'true' }), { signal }),
  });

type Cached = { key?: string; items?: IssueView[]; pages?: IssuePage[] };

/** Every cached copy of one issue — detail, table pages, board columns — becomes `next`. */
function putIssue(client: QueryClient, project: string, next: IssueView): void {
  const swap = (items: IssueView[]) => items.map((i) => (i.key === next.key ? { ...i, ...next } : i));
  client.setQueriesData<Cached>({ queryKey: [project, 'issues'] }, (old) => {
    if (!old || typeof old !== 'object') return old;
    if (old.key === next.key) return { ...old, ...next };
    if (Array.isArray(old.items)) return { ...old, items: swap(old.items) };
    if (Array.isArray(old.pages)) return { ...old, pages: old.pages.map((page) => ({ ...page, items: swap(page.items) })) };
    return old;
  });
}

export interface ConflictInfo {
  key: string;
  message: string;
  current: IssueView | null;
}

/**
 * A change to one issue, shown at once (optimistic). When the server refuses it as stale (409),
 * the cache takes the issue as it is now and `onConflict` tells the page what happened.
 */
export function useIssueUpdate(project: string, onConflict?: (info: ConflictInfo) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { issue: IssueView; patch: IssuePatch }) => patchIssue(project, input.issue, input.patch),
    onMutate: async ({ issue, patch }) => {
      await client.cancelQueries({ queryKey: [project, 'issues'] });
      putIssue(client, project, { ...issue, ...patch });
      return { before: issue };
    },
    onError: (error, _input, context) => {
      if (!context) return;
      if (isConflict(error)) {
        const current = (error.current ?? null) as IssueView | null;
        putIssue(client, project, current ?? context.before);
        onConflict?.({ key: context.before.key, message: error.message, current });
      } else {
        putIssue(client, project, context.before);
      }
    },
    onSuccess: (next) => putIssue(client, project, next),
    onSettled: () => client.invalidateQueries({ queryKey: [project, 'issues'] }),
  });
}

export function useTransition(project: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { issue: IssueView; action: Transition; reason?: string }) =>
      api<IssueView>(`${base(project)}/${encodeURIComponent(input.issue.key)}/transitions`, {
        method: 'POST',
        json: { action: input.action, ...(input.reason ? { reason: input.reason } : {}), version: input.issue.version },
      }),
    onSuccess: (next) => putIssue(client, project, next),
    onSettled: () => client.invalidateQueries({ queryKey: [project, 'issues'] }),
  });
}

export function useComment(project: string, key: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => api<CommentView>(`${base(project)}/${encodeURIComponent(key)}/comments`, { method: 'POST', json: { body } }),
    onSettled: () => client.invalidateQueries({ queryKey: issueQuery(project, key).queryKey }),
  });
}

export function useCreateIssue(project: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { title: string; severity: Severity; owner?: string; description?: string }) =>
      api<IssueView>(base(project), { method: 'POST', json: input }),
    onSettled: () => client.invalidateQueries({ queryKey: [project, 'issues'] }),
  });
}

/** Bulk edit: the same patch on each selected issue, each with its own version; conflicts are reported, not forced. */
export async function patchMany(project: string, issues: IssueView[], patch: IssuePatch): Promise<{ done: number; conflicts: string[]; failed: string[] }> {
  const result = { done: 0, conflicts: [] as string[], failed: [] as string[] };
  const queue = [...issues];
  const worker = async () => {
    for (let issue = queue.shift(); issue; issue = queue.shift()) {
      try {
        await patchIssue(project, issue, patch);
        result.done++;
      } catch (error) {
        (isConflict(error) ? result.conflicts : result.failed).push(issue.key);
      }
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return result;
}

/** A finding as GET …/issues/:key/findings presents it (the record without ids and payload). */
export type FindingView = Pick<FindingRecord, 'tool' | 'scope' | 'rule' | 'level' | 'message' | 'file' | 'line' | 'col' | 'state' | 'firstSeen' | 'lastSeen'>;

export const issueFindingsQuery = (project: string, key: string) =>
  queryOptions({
    queryKey: [project, 'issues', 'findings', key],
    queryFn: async ({ signal }) => (await api<{ items: FindingView[] }>(`${base(project)}/${encodeURIComponent(key)}/findings`, { signal })).items,
  });

/** The escalation clock of one issue per level (GET …/issues/:key/escalation, the escalation service). */
export const issueClocksQuery = (project: string, key: string) =>
  queryOptions({
    queryKey: [project, 'clocks', key],
    queryFn: ({ signal }) => api<IssueClocks>(`${base(project)}/${encodeURIComponent(key)}/escalation`, { signal }),
  });
