// The findings part of the store: tool results, the runs that reported them, and the test and
// coverage metrics that feed the rule context. Bulk methods take whole batches: an ingest issues
// a number of statements that grows with batches, not with findings. Issues and events are
// written through their own repositories (ports.ts), never from here.
import type { Severity, Status } from './enums.js';

export type FindingState = 'open' | 'fixed' | 'suppressed';

/** What reconciliation needs of a stored finding. */
export interface StoredFinding {
  id: number;
  fingerprint: string;
  state: FindingState;
  issueId: number | null;
  rule: string | null;
  level: string | null;
  message: string;
  file: string | null;
  line: number | null;
  col: number | null;
}

export interface FindingRecord extends StoredFinding {
  tool: string;
  scope: string;
  firstRunId: number;
  lastRunId: number;
  fixedRunId: number | null;
  firstSeen: string;
  lastSeen: string;
  data: Record<string, unknown>;
}

/** What reconciliation needs of an issue fed by a scanner. */
export interface GroupIssue {
  id: number;
  key: string;
  title: string;
  severity: Severity;
  status: Status;
  labels: string[];
  manualFields: string[];
  groupKey: string | null;
  resolvedAt: string | null;
  version: number;
}

export interface NewRun {
  tool: string;
  scope: string;
  commit: string | null;
  at: string;
  actor: string;
  stats: Record<string, unknown>;
}

export interface RunRecord extends NewRun {
  id: number;
}

export interface NewFindingRow {
  fingerprint: string;
  rule: string | null;
  level: string | null;
  message: string;
  file: string | null;
  line: number | null;
  col: number | null;
  issueId: number | null;
  state: FindingState;
  data: string;
}

export interface FindingUpdateRow {
  id: number;
  state: FindingState;
  level: string | null;
  message: string;
  line: number | null;
  col: number | null;
  issueId: number | null;
}

export type MetricKind = 'tests' | 'coverage';

export interface Metric {
  kind: MetricKind;
  scope: string;
  runId: number | null;
  at: string;
  data: Record<string, number | null>;
}

/** What the last writing ingest of a (tool, scope) left: see FindingRepo.ingestState. */
export interface IngestState {
  inputDigest: string;
  storeDigest: string;
  runId: number;
}

export interface FindingRepo {
  /** The findings of one (tool, scope) and every issue they or the scope's groups point at. */
  snapshot(projectId: number, tool: string, scope: string): Promise<{ findings: StoredFinding[]; issues: GroupIssue[] }>;
  insertRun(projectId: number, run: NewRun): Promise<number>;
  insertFindings(projectId: number, tool: string, scope: string, runId: number, at: string, rows: NewFindingRow[]): Promise<void>;
  updateFindings(runId: number, at: string, rows: FindingUpdateRow[]): Promise<void>;
  fixFindings(runId: number, at: string, ids: number[]): Promise<void>;
  recordMetric(projectId: number, metric: Metric): Promise<void>;
  /** The newest metric of a kind (of one scope, or of any). */
  latestMetric(projectId: number, kind: MetricKind, scope?: string): Promise<Metric | null>;
  forIssue(issueId: number): Promise<FindingRecord[]>;
  /** Ingest runs, newest first, a page at a time: those with an id below `before` when given. */
  runs(projectId: number, page: { limit: number; before?: number }): Promise<RunRecord[]>;
  /** The digests recorded by the last writing ingest of (tool, scope), if any. */
  ingestState(projectId: number, tool: string, scope: string): Promise<IngestState | null>;
  saveIngestState(projectId: number, tool: string, scope: string, state: IngestState): Promise<void>;
  /**
   * A digest of everything reconciliation reads from the store for (tool, scope), computed by
   * aggregates in SQL over indexes (no row reaches JavaScript): the scope's findings (count and
   * ids, from the identity index) and the issues of the scope or linked from it (count, ids,
   * versions; every write to an issue bumps its version). A finding's other columns are written
   * only by the ingest, which records the digest after it writes; the one other writer, an
   * issue's deletion (issue_id set to null), changes the issue count. Equal digests:
   * reconciliation would read the same.
   */
  storeDigest(projectId: number, tool: string, scope: string): Promise<string>;
  byFingerprint(projectId: number, fingerprint: string): Promise<FindingRecord[]>;
}
