// The live records the store hands out. They are the project document's shapes plus the
// bookkeeping a database adds (ids, versions, timestamps).
import type { Severity, Status } from './enums.js';
import type { ProjectDoc } from './document.js';

export interface Project extends ProjectDoc {
  id: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Issue {
  id: number;
  projectId: number;
  key: string;
  title: string;
  description: string | null;
  severity: Severity;
  status: Status;
  owner: string | null;
  estimateMinutes: number | null;
  dueDate: string | null;
  files: string[];
  phase: string | null;
  labels: string[];
  links: string[];
  source: string;
  extra: Record<string, string>;
  /** Set for scanner-fed issues: which (tool, scope, group) the issue stands for. */
  groupKey: string | null;
  /** Fields a person set by hand; re-ingests leave them alone. */
  manualFields: string[];
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  resolvedAt: string | null;
  version: number;
}

/** The fields a caller may set on an issue. */
export type IssueFields = Pick<
  Issue,
  | 'title'
  | 'description'
  | 'severity'
  | 'status'
  | 'owner'
  | 'estimateMinutes'
  | 'dueDate'
  | 'files'
  | 'phase'
  | 'labels'
  | 'links'
  | 'source'
  | 'extra'
  | 'startedAt'
  | 'resolvedAt'
  | 'groupKey'
  | 'manualFields'
>;

export interface NewIssue extends Partial<IssueFields> {
  key: string;
  title: string;
  severity: Severity;
  createdAt?: string;
}

export interface IssueFilter {
  severity?: Severity[];
  status?: Status[];
  owner?: string;
  phase?: string;
  label?: string;
  text?: string;
  /** Only issues still open (not resolved / won't fix). */
  open?: boolean;
  limit?: number;
  offset?: number;
  /** The order (default `severity`: most severe, then oldest, then id), ascending unless `descending`. */
  sort?: IssueSort;
  descending?: boolean;
  /** Keyset cursor: the sort values and id of the last issue of the previous page (see `sortValues`). */
  after?: (string | number)[];
}

export const ISSUE_SORTS = ['severity', 'created', 'updated', 'key'] as const;
export type IssueSort = (typeof ISSUE_SORTS)[number];

/** The values an issue is ordered by under `sort`, id last: what a keyset cursor carries. */
export function sortValues(issue: Pick<Issue, 'severity' | 'createdAt' | 'updatedAt' | 'key' | 'id'>, sort: IssueSort = 'severity'): (string | number)[] {
  switch (sort) {
    case 'severity':
      return [issue.severity, issue.createdAt, issue.id];
    case 'created':
      return [issue.createdAt, issue.id];
    case 'updated':
      return [issue.updatedAt, issue.id];
    case 'key':
      return [issue.key, issue.id];
  }
}

export interface AuditEvent {
  id: number;
  projectId: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityKey: string | null;
  data: Record<string, unknown>;
}

export type NewEvent = Omit<AuditEvent, 'id' | 'projectId' | 'at'> & { at?: string };

export interface IssueComment {
  id: number;
  issueId: number;
  author: string;
  body: string;
  at: string;
}
