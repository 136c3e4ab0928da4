// The escalation part of the store: the schedule on each issue (found by index, never by reading
// every issue), the escalations fired — unique per (issue, level, repeat), so a firing happens
// once however many sweeps race — their deliveries and every delivery attempt.
// Implemented in src/store/repos/escalations.ts; used by src/services/escalation*.ts.
import type { Severity, Status } from './enums.js';

/** What the sweep needs of an issue. */
export interface SweepIssue {
  id: number;
  key: string;
  title: string;
  severity: Severity;
  status: Status;
  phase: string | null;
  labels: string[];
  owner: string | null;
  createdAt: string;
  dueDate: string | null;
  estimateMinutes: number | null;
  resolvedAt: string | null;
  version: number;
}

export interface EscalationRecord {
  id: number;
  issueId: number;
  issueKey: string;
  level: number;
  repeat: number;
  dueAt: string;
  firedAt: string;
  reason: string;
  ackedAt: string | null;
  ackedBy: string | null;
  closedAt: string | null;
}

export type DeliveryState = 'pending' | 'retrying' | 'delivered' | 'dead';

export interface DeliveryRecord {
  id: number;
  escalationId: number;
  channel: string;
  kind: string;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: string | null;
  lastCode: number | null;
  lastError: string | null;
  deliveredAt: string | null;
}

export interface DeliveryAttempt {
  at: string;
  outcome: 'delivered' | 'failed' | 'timeout';
  code: number | null;
  error: string | null;
  ms: number;
}

export interface EscalationView extends EscalationRecord {
  severity: Severity;
  status: Status;
  title: string;
  deliveries: DeliveryRecord[];
}

/** Everything one delivery needs to be sent. */
export interface DeliveryJob {
  delivery: DeliveryRecord;
  escalation: EscalationRecord;
  issue: { key: string; title: string; severity: Severity; status: Status; owner: string | null };
  project: { id: number; key: string; name: string };
}

/**
 * One open issue in breach at one level, as the sweeps recorded it: the level fired and the
 * issue is still open (resolving closes its escalations). `acknowledged`: no firing of the
 * level waits for an acknowledgement.
 */
export interface SlaBreach {
  issueKey: string;
  severity: Severity;
  level: number;
  firedAt: string;
  acknowledged: boolean;
}

/** One level's live state: the open issues in breach of it, those whose highest breached level it is, and those acknowledged at it. */
export interface SlaLevelState {
  level: number;
  breached: number;
  escalated: number;
  acknowledged: number;
  /** The first ten keys of each. */
  breachedKeys: string[];
  escalatedKeys: string[];
  acknowledgedKeys: string[];
}

/** The live escalation state of a project; `swept` false when no sweep has run (nothing is known). */
export interface SlaLive {
  swept: boolean;
  levels: SlaLevelState[];
}

/** An escalation fired on one day (the standup's list). */
export interface DayEscalation {
  issue: string;
  severity: Severity;
  title: string;
  level: number;
  repeat: number;
  dueAt: string;
  firedAt: string;
  acknowledged: boolean;
}

/** The day's SLA breaches (first firings of a level) and every escalation fired that day, reminders included. */
export interface SlaDay {
  date: string;
  breaches: DayEscalation[];
  fired: DayEscalation[];
}

export type NewFiring = Omit<EscalationRecord, 'id' | 'ackedAt' | 'ackedBy' | 'closedAt'>;

/** The unique key of a firing, as `fire` answers it. */
export const firingKey = (f: { issueId: number; level: number; repeat: number }): string => `${f.issueId}:${f.level}:${f.repeat}`;

export interface EscalationRepo {
  policyHash(projectId: number): Promise<string | null>;
  setPolicyHash(projectId: number, hash: string, at: string): Promise<void>;
  /** Marks every open issue of the project for a fresh look (the policy changed). */
  rescheduleAll(projectId: number): Promise<number>;
  /** Issues changed since the last look, then issues whose next look is due: by index, at most `limit`. */
  candidates(projectId: number, now: string, limit: number): Promise<SweepIssue[]>;
  /** Open issues in id order after `afterId` (a dry run under a changed policy looks at them all). */
  openIssues(projectId: number, afterId: number, limit: number): Promise<SweepIssue[]>;
  /** Open issues by their next scheduled look, soonest first (`sla`). */
  upcoming(projectId: number, limit: number): Promise<SweepIssue[]>;
  issue(projectId: number, key: string): Promise<SweepIssue | null>;
  /** Status changes of these issues from the event log, oldest first. */
  statusHistory(projectId: number, keys: readonly string[]): Promise<Map<string, { at: string; status: Status }[]>>;
  fired(issueIds: readonly number[]): Promise<Map<number, EscalationRecord[]>>;
  /**
   * Inserts the firings, a few hundred rows a statement, each unless it exists (ON CONFLICT DO
   * NOTHING on the unique issue, level, repeat): the ids of the rows this call inserted, by
   * `firingKey`; a firing another sweep inserted first is absent.
   */
  fire(projectId: number, rows: readonly NewFiring[]): Promise<Map<string, number>>;
  /** Sets the next look unless the issue changed meanwhile (version); false then. */
  schedule(issueId: number, version: number, nextAt: string | null): Promise<boolean>;
  /** `schedule` for many issues, a few hundred a statement: the ids whose version still matched. */
  scheduleMany(rows: readonly { issueId: number; version: number; nextAt: string | null }[]): Promise<Set<number>>;
  addDeliveries(projectId: number, rows: readonly { escalationId: number; channel: string; kind: string }[], at: string): Promise<void>;
  /** `since`/`until`: fired at or after / before (ISO instants). */
  list(projectId: number, options?: { failed?: boolean; open?: boolean; issueKey?: string; since?: string; until?: string; limit?: number }): Promise<EscalationView[]>;
  /** The open issues in breach, per level, as of the last sweep; null when no sweep has run for the project. */
  breaches(projectId: number): Promise<SlaBreach[] | null>;
  /** Acknowledges the issue's unacknowledged escalations (of one level, or all): the rows changed. */
  acknowledge(issueId: number, level: number | null, by: string, at: string): Promise<EscalationRecord[]>;
  closeForIssues(issueIds: readonly number[], at: string): Promise<number>;
  /** Deliveries waiting for an attempt whose time has come, oldest first. */
  dueDeliveries(now: string, limit: number): Promise<number[]>;
  /** Takes a delivery for one attempt unless another process holds it: false then. */
  claimDelivery(id: number, now: string, leaseUntil: string): Promise<DeliveryJob | null>;
  recordAttempt(
    id: number,
    attempt: DeliveryAttempt,
    next: { state: DeliveryState; nextAttemptAt: string | null },
  ): Promise<void>;
  attempts(deliveryId: number): Promise<DeliveryAttempt[]>;
  /** Counts for metrics: open breaches (first firings not closed) by level; deliveries by level, channel and state. */
  tallies(projectId: number): Promise<{ breaches: { level: number; count: number }[]; deliveries: { level: number; channel: string; state: DeliveryState; count: number }[] }>;
  nextDeliveryAt(): Promise<string | null>;
}
