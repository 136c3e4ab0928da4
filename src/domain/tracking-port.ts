// The tracking part of the store: who ticked which checklist item and when, KPI values over
// time, one snapshot of issue counts per day, the sign-off chain, and the latest test and
// coverage results that ingest recorded. Implemented in src/store/repos/tracking.ts; read by
// src/services (gates, KPIs, standup, forecast, sign-offs).
import type { Severity, Status } from './enums.js';

export type ListType = 'phase' | 'checklist';

/** Just what a rule needs to know about an issue: cheap to load for the whole register. */
export interface IssueFact {
  key: string;
  severity: Severity;
  status: Status;
  phase: string | null;
  labels: readonly string[];
  resolvedAt: string | null;
}

/** A question rules ask of the register (see src/rules/issue-query.ts). */
export interface IssueQuery {
  severity?: Severity[];
  status?: Status[];
  phase?: string[];
  label?: string[];
  /** true: not resolved / won't fix; false: only those. */
  open?: boolean;
}

export interface IssueCount {
  count: number;
  /** The first keys of the matching issues by id, at most the sample size asked for. */
  keys: string[];
}

export interface TestsMetric {
  failed: number;
  passed: number;
  skipped: number;
  total: number;
  at: string;
}

export const COVERAGE_FIELDS = ['lines', 'branches', 'functions', 'statements'] as const;
export type CoverageField = (typeof COVERAGE_FIELDS)[number];

/** Percentages; null when the report did not carry that figure or measured nothing. */
export interface CoverageMetric {
  lines: number | null;
  branches: number | null;
  functions: number | null;
  statements: number | null;
  at: string;
}

/** The latest test results of one scope. */
export interface ScopedTests extends TestsMetric {
  scope: string;
}

/** The latest coverage of one scope, with the counts behind each figure when the report gave them. */
export interface ScopedCoverage extends CoverageMetric {
  scope: string;
  counts: Partial<Record<CoverageField, { covered: number; total: number }>>;
}

/** A scan command whose latest run crashed: what depends on its tool has no evidence. */
export interface ToolFailure {
  /** The scan command's name. */
  name: string;
  tool: string;
  scope: string;
  at: string;
  exitCode: number | null;
  reason: string;
}

export interface LatestMetrics {
  /** The latest test run of every scope. */
  tests: ScopedTests[];
  /** The latest coverage report of every scope. */
  coverage: ScopedCoverage[];
  /** Scan commands whose latest run crashed. */
  failures: ToolFailure[];
  /**
   * What the register rests on: whether it holds any issue, and whether any tool output was ever
   * ingested. Neither: issues.* rules are unknown (an empty register is no evidence). Absent
   * (a context built by hand): taken as evidence.
   */
  register?: { issues: boolean; toolRuns: boolean };
}

export interface KpiValue {
  key: string;
  value: number;
  at: string;
  actor: string;
}

export type SnapshotCounts = Record<Severity, Record<Status, number>>;

export interface Snapshot {
  day: string; // YYYY-MM-DD (UTC)
  at: string;
  counts: SnapshotCounts;
}

export interface Signoff {
  id: number;
  checklistKey: string;
  itemText: string;
  actor: string;
  at: string;
  stateHash: string;
  prevHash: string | null;
  hash: string;
}

export type NewSignoff = Omit<Signoff, 'id'>;

export interface TrackingRepo {
  /** Ticks or unticks one item (0-based `ord`); false when there is no such item. */
  setItemDone(
    projectId: number,
    item: { listType: ListType; listKey: string; ord: number },
    done: { done: boolean; by: string | null; at: string | null },
  ): Promise<boolean>;
  recordKpiValue(projectId: number, value: KpiValue): Promise<void>;
  /** Oldest first; all KPIs unless `key` is given. */
  kpiValues(projectId: number, key?: string): Promise<KpiValue[]>;
  /** The latest value of every KPI that has one. */
  latestKpiValues(projectId: number): Promise<KpiValue[]>;
  /** One row per day: a second snapshot on the same day replaces the first. */
  upsertSnapshot(projectId: number, snapshot: Snapshot): Promise<void>;
  /** Oldest first, days within [from, to] when given. */
  snapshots(projectId: number, range?: { from?: string; to?: string }): Promise<Snapshot[]>;
  /**
   * Inside a write: holds off other sign-offs of the project until the transaction ends, so two
   * approvals at once cannot both chain onto the same previous sign-off.
   */
  lockSignoffChain(projectId: number): Promise<void>;
  appendSignoff(projectId: number, signoff: NewSignoff): Promise<Signoff>;
  /** In the order they were made. */
  signoffs(projectId: number): Promise<Signoff[]>;
  /** The sign-offs the event log recorded (checklist, item, hash), oldest first. */
  signoffEvents(projectId: number): Promise<{ checklistKey: string; itemText: string; hash: string; at: string }[]>;
  latestMetrics(projectId: number): Promise<LatestMetrics>;
  /** Records (or replaces) the crash of a scan command in a scope. */
  recordToolFailure(projectId: number, failure: ToolFailure): Promise<void>;
  /** Clears crash records: of a scan command that ran cleanly, or of a tool freshly ingested. */
  clearToolFailures(projectId: number, which: { name: string; scope: string } | { tool: string; scope: string }): Promise<void>;
  /** Per phase, the estimates of the open issues: total minutes, and how many have none. */
  openEstimates(projectId: number): Promise<{ phase: string | null; minutes: number; estimated: number; unestimated: number }[]>;
  /** Per owner asked for (matched case- and accent-folded, as the issue list's owner filter), its open issues: how many, the sum of their estimates, how many have none. */
  openLoadByOwner(projectId: number, owners: readonly string[]): Promise<{ owner: string; count: number; minutes: number; unestimated: number }[]>;
  /** Issues closed with resolvedAt in [from, to). */
  closedBetween(projectId: number, from: string, to: string): Promise<{ key: string; severity: Severity }[]>;
  /** In id order. */
  issueFacts(projectId: number): Promise<IssueFact[]>;
  /** Answers each query in SQL, with up to `sample` keys each (by id). */
  countIssues(projectId: number, queries: readonly IssueQuery[], sample: number): Promise<IssueCount[]>;
}
