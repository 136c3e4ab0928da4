// The store, as the core sees it. Adapters in src/store implement it for SQLite and PostgreSQL;
// nothing here knows which one is behind it. Every method may be called on the store itself
// (each call its own transaction) or on the session handed to `write` (all or nothing).
import type {
  ActionDoc,
  ChecklistDoc,
  DocumentSource,
  EscalationDoc,
  IssueDoc,
  KpiDoc,
  NoteDoc,
  PhaseDoc,
  ProjectDoc,
  RiskDoc,
  TeamDoc,
} from './document.js';
import type { AuditEvent, Issue, IssueComment, IssueFields, IssueFilter, NewEvent, NewIssue, Project } from './model.js';
import type { BackupRepo } from './backup-port.js';
import type { FindingRepo } from './findings-port.js';
import type { TrackingRepo } from './tracking-port.js';
import type { AccountRepo } from './accounts-port.js';
import type { StatsRepo } from './stats-port.js';
import type { EscalationRepo } from './escalation-port.js';

export type Dialect = 'sqlite' | 'postgres';

export interface ProjectRepo {
  list(): Promise<Project[]>;
  get(key: string): Promise<Project | null>;
  insert(project: ProjectDoc, at?: string): Promise<Project>;
  /** Refuses with a conflict when `expectedVersion` is stale. */
  update(id: number, patch: Partial<ProjectDoc>, expectedVersion: number): Promise<Project>;
  /** Reserves `count` issue numbers and returns the first (`<KEY>-<n>` keys). */
  reserveIssueNumbers(id: number, count: number): Promise<number>;
  /** Makes the next reserved number greater than `used` (a key `<KEY>-<used>` came from elsewhere). */
  issueNumberUsed(id: number, used: number): Promise<void>;
  /**
   * Deletes the project and every row that belongs to it (the schema's cascades: issues,
   * comments, events, findings, runs, checklists, KPIs, sign-offs, escalations, …). Refuses
   * with a conflict when `expectedVersion` is stale.
   */
  remove(id: number, expectedVersion: number): Promise<void>;
}

export interface IssueRepo {
  get(projectId: number, key: string): Promise<Issue | null>;
  /** Sorted by severity (critical first), then age (oldest first), then key. */
  list(projectId: number, filter?: IssueFilter): Promise<Issue[]>;
  count(projectId: number, filter?: IssueFilter): Promise<number>;
  insert(projectId: number, issue: NewIssue, at?: string): Promise<Issue>;
  /** Bulk insert of new keys (a restore, an import): one statement per batch. Ids by key. */
  insertMany(projectId: number, issues: readonly NewIssue[], at?: string): Promise<Map<string, number>>;
  /** Refuses with a conflict when `expectedVersion` is stale; bumps the version. */
  update(id: number, patch: Partial<IssueFields>, expectedVersion: number, at?: string): Promise<Issue>;
  /**
   * Bulk update (an ingest's resolutions, reopenings, new titles), version-checked like `update`:
   * a row is written only if it is still at the version it was read at, and bumped. Returns the
   * ids of the rows NOT written (changed by someone else since): the caller decides what to do.
   */
  updateMany(rows: readonly IssueBulkUpdate[], at: string): Promise<number[]>;
  /** The current rows of these issues, locked until the transaction ends (PostgreSQL: FOR UPDATE). */
  lockMany(ids: readonly number[]): Promise<Issue[]>;
  delete(id: number): Promise<void>;
  comments(issueId: number): Promise<IssueComment[]>;
  /**
   * Every issue of a project in the register's order, as the project document has it: the
   * column-lean read of reports and exports (no internal fields, comments only when asked).
   * `shown`: only what a Markdown or HTML report shows — source, times and comments are left at
   * the document's defaults ('manual', null, none). Empty lists and maps may be shared and frozen.
   */
  documents(projectId: number, options?: { comments?: boolean; shown?: boolean }): Promise<IssueDoc[]>;
  /** Every comment of a project's issues, by issue id, oldest first. */
  commentsOfProject(projectId: number): Promise<Map<number, IssueComment[]>>;
  addComment(issueId: number, author: string, body: string, at?: string): Promise<IssueComment>;
  addComments(comments: readonly Omit<IssueComment, 'id'>[]): Promise<void>;
  /** Counts of issues per (severity, status, phase): the basis of rules, snapshots and reports. */
  tally(projectId: number): Promise<IssueTally[]>;
}

/** A whole set of the fields an ingest maintains, with the version they were read at. */
export interface IssueBulkUpdate {
  id: number;
  version: number;
  title: string;
  severity: Issue['severity'];
  status: Issue['status'];
  labels: string[];
  resolvedAt: string | null;
}

export interface IssueTally {
  severity: Issue['severity'];
  status: Issue['status'];
  phase: string | null;
  count: number;
}

export interface EventRepo {
  /** The one path that writes events: batched, so an ingest's 50,000 events are a few statements. */
  append(projectId: number, events: readonly NewEvent[]): Promise<void>;
  list(projectId: number, options?: { entityKey?: string; limit?: number }): Promise<AuditEvent[]>;
  /** Events of every project after `afterId`, oldest first (for watching the store). */
  since(afterId: number, limit: number): Promise<AuditEvent[]>;
  /** The id of the newest event in the store, 0 when there is none. */
  lastId(): Promise<number>;
}

/** Everything of a project's document besides its issues, section by section. */
export interface Sections {
  phases: PhaseDoc[];
  checklists: ChecklistDoc[];
  kpis: KpiDoc[];
  risks: RiskDoc[];
  teams: TeamDoc[];
  escalation: EscalationDoc[];
  actions: ActionDoc[];
  notes: NoteDoc[];
}

export interface SectionRepo {
  load(projectId: number): Promise<Sections>;
  /** The phases' keys, names and parents only: what linking a new issue to its phase needs. */
  phaseNames(projectId: number): Promise<Array<{ key: string; name: string; parent: string | null }>>;
  /** Replaces the named sections whole (KPI values are kept and merged by KPI key). */
  replace(projectId: number, sections: Partial<Sections>): Promise<void>;
  /** The Markdown skeleton the project was imported from, if any. */
  loadSource(projectId: number): Promise<DocumentSource | null>;
  replaceSource(projectId: number, source: DocumentSource | null): Promise<void>;
}

export interface StoreSession {
  readonly dialect: Dialect;
  readonly projects: ProjectRepo;
  readonly issues: IssueRepo;
  readonly events: EventRepo;
  readonly sections: SectionRepo;
  readonly findings: FindingRepo;
  readonly tracking: TrackingRepo;
  readonly accounts: AccountRepo;
  readonly stats: StatsRepo;
  readonly escalations: EscalationRepo;
  readonly backup: BackupRepo;
}

export interface Store extends StoreSession {
  /** Where the store lives, with any password masked: for messages. */
  readonly location: string;
  /** Runs `fn` in one write transaction: it lands whole or not at all. */
  write<T>(fn: (tx: StoreSession) => Promise<T>): Promise<T>;
  /** Whether the store answers and its schema is what this program expects (for /readyz). */
  ready(): Promise<{ reachable: boolean; migrationsCurrent: boolean }>;
  /** Runs `fn` on one consistent read-only view (a backup): writers are not held up. */
  snapshot<T>(fn: (view: StoreSession) => Promise<T>): Promise<T>;
  /**
   * A token that two calls return alike only if no write committed in between, from this
   * process or any other. Read it before reading data: while it stays the same, that data is
   * still what the store holds (the server's list cache relies on this).
   */
  changeMark(): Promise<string>;
  close(): Promise<void>;
}
