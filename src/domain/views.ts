// Read models: what the services build and the API sends, in one place so the web dashboard
// imports the same types (type-only) instead of restating them. No logic here.
import type { Comparator, Severity, Status } from './enums.js';
import type { EscalationRecord, SlaDay } from './escalation-port.js';
import type { Issue } from './model.js';

export interface StandupTier {
  severity: Severity;
  /** All issues of the tier on the standup day. */
  total: number;
  /**
   * Completed: resolved or won't fix on the standup day, out of `total` — the same figure the
   * audit's "Completed: 1/4 blockers" and `report standup` show.
   */
  completed: number;
  /** Of those, closed since the previous working day; null when there is no snapshot before. */
  closedSince: number | null;
  inProgress: number;
  blocked: number;
  open: number;
  /** Change in open issues since the baseline (negative is progress). */
  openDelta: number | null;
}

export interface StandupCounts {
  date: string;
  /** The previous working day, and the day of the snapshot compared against. */
  since: string;
  baselineDay: string | null;
  tiers: StandupTier[];
  totals: Omit<StandupTier, 'severity'>;
}

/** A phase as the standup names it: focus or next, with its checklist and open issues. */
export interface PhaseSummary {
  key: string;
  name: string;
  label: string | null;
  window: string | null;
  itemsPassing: number;
  items: number;
  openIssues: number;
}

export interface StandupReport extends StandupCounts {
  /** Closed since the previous working day (closedSince), by when they were resolved. */
  completedKeys: Record<Severity, string[]>;
  /** Blocked now (today's standup only), the first few per tier. */
  blockedKeys: Record<Severity, string[]>;
  focus: PhaseSummary | null;
  next: PhaseSummary | null;
  /** The day's SLA breaches and escalations fired (days of the project's time zone); `swept` false when no sweep has ever run. */
  escalations: SlaDay & { swept: boolean };
}

/** A KPI against its target with its latest value. */
export interface KpiRow {
  key: string;
  name: string;
  unit: string | null;
  target: number | null;
  comparator: Comparator | null;
  phase: string | null;
  latest: number | null;
  at: string | null;
  onTrack: boolean | null;
  history: number;
}

/** Where one escalation level's clock of one issue stands (business hours or wall clock). */
export interface LevelClock {
  level: number;
  afterMinutes: number;
  businessHours: boolean;
  startAt: string;
  /** When the window is (or was) used up; null when it will not be as things stand (paused, stopped). */
  breachAt: string | null;
  elapsedMinutes: number;
  /** Minutes left in the window; negative when overdue. */
  leftMinutes: number;
  breached: boolean;
  paused: boolean;
  acknowledged: boolean;
}

/** One issue's clocks, one per level that applies, and the escalations fired for it. */
export interface IssueClocks {
  key: string;
  clocks: LevelClock[];
  escalations: EscalationRecord[];
}

/** An open issue by time to breach (GET /sla): the level whose window ends next, or ended last. */
export interface SlaRow {
  key: string;
  severity: Severity;
  status: Status;
  title: string;
  owner: string | null;
  level: number;
  breachAt: string | null;
  leftMinutes: number;
  paused: boolean;
  acknowledged: boolean;
}

/** What the overview lists of an issue in a tier table. */
export type TierIssue = Pick<Issue, 'key' | 'title' | 'owner' | 'status' | 'estimateMinutes' | 'dueDate' | 'phase'>;

/** One tier of the overview: counts from a grouped count, and only the first open issues. */
export interface OverviewTier {
  severity: Severity;
  /** Every issue of the tier still open. */
  open: number;
  /** Every issue of the tier, by status. */
  byStatus: Record<Status, number>;
  items: TierIssue[];
}

export interface OverviewSummary {
  tiers: OverviewTier[];
}

/** A team's open work against its capacity: sums over every open issue it owns (by name). */
export interface TeamLoad {
  team: string;
  capacityHours: number | null;
  openIssues: number;
  /** Sum of the estimates of its open issues, in minutes. */
  minutes: number;
  /** Open issues without an estimate (not in `minutes`). */
  unestimated: number;
}

/** What applying a document changed (an import, or its dry run). */
export interface ImportCounts {
  projectCreated: boolean;
  created: string[];
  updated: string[];
  unchanged: number;
  /** Issues in the store that the document does not list. */
  missing: string[];
  pruned: string[];
  /** Sections (phases, checklists, ...) whose content changed. */
  sections: string[];
}

/** What one ingest run changed (counts as the ingest reported them). */
export interface IngestRunView {
  run: number;
  at: string;
  actor: string;
  tool: string;
  scope: string;
  commit: string | null;
  findings: number | null;
  new: number | null;
  fixed: number | null;
  reopened: number | null;
  issuesCreated: number | null;
  issuesResolved: number | null;
  issuesReopened: number | null;
}
