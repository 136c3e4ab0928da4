// What a report shows: the project document as it stands, the live state of every ruled item and
// KPI, and the standup counts. Built by the reports service, rendered by pure functions.
import type { ProjectDocument } from '../domain/document.js';
import { SEVERITIES, type Severity } from '../domain/enums.js';
import type { SlaDay, SlaLive } from '../domain/escalation-port.js';

export type ReportKind = 'audit' | 'roadmap' | 'standup';
export type ReportFormat = 'md' | 'html' | 'json';

export interface ItemState {
  status: 'pass' | 'fail' | 'unknown';
  reason: string | null;
  manual: boolean;
}

export interface KpiState {
  value: number | null;
  at: string | null;
  onTrack: boolean | null;
}

export interface TierCounts {
  severity: Severity;
  total: number;
  completed: number;
  inProgress: number;
  blocked: number;
  open: number;
  /** Keys of blocked issues, for "Blocked: 1 (B003)". */
  blockedKeys: string[];
}

export interface ReportModel {
  generatedAt: string;
  document: ProjectDocument;
  /** Keyed `${listType}:${listKey}:${index}`, as the rules module evaluates them. */
  items: Record<string, ItemState>;
  kpis: Record<string, KpiState>;
  tiers: TierCounts[];
  /**
   * The forecast's ETA per phase key ('' for the whole project): the p50 day (YYYY-MM-DD), or
   * 'done' when nothing is left. Loaded only for a document whose author wrote ETAs; a phase the
   * forecast cannot judge yet (too little history) is absent, and its written ETA stays.
   */
  etas?: Record<string, string>;
  /** Escalation now (per level) and today's breaches and escalations; absent when not loaded. */
  sla?: { live: SlaLive; day: SlaDay };
}

/** Counts per tier from (severity, status, count) rows and the blocked issues, in register order. */
export function tierCountsFrom(
  counts: readonly { severity: Severity; status: string; count: number }[],
  blocked: readonly { key: string; severity: Severity }[],
): TierCounts[] {
  const tiers = new Map<Severity, TierCounts>(
    SEVERITIES.map((severity) => [severity, { severity, total: 0, completed: 0, inProgress: 0, blocked: 0, open: 0, blockedKeys: [] }]),
  );
  for (const { severity, status, count } of counts) {
    const tier = tiers.get(severity)!;
    tier.total += count;
    if (status === 'resolved' || status === 'wont_fix') tier.completed += count;
    else tier.open += count;
    if (status === 'in_progress') tier.inProgress += count;
    if (status === 'blocked') tier.blocked += count;
  }
  for (const issue of blocked) {
    const keys = tiers.get(issue.severity)!.blockedKeys;
    if (keys.length < 10) keys.push(issue.key);
  }
  return [...tiers.values()];
}

export function tierCounts(issues: ProjectDocument['issues']): TierCounts[] {
  // Counted per (severity, status) first: one small row per pair, not one per issue.
  const counts = new Map<Severity, Map<string, number>>();
  const blocked: ProjectDocument['issues'] = [];
  for (const issue of issues) {
    let bySeverity = counts.get(issue.severity);
    if (!bySeverity) counts.set(issue.severity, (bySeverity = new Map()));
    bySeverity.set(issue.status, (bySeverity.get(issue.status) ?? 0) + 1);
    if (issue.status === 'blocked') blocked.push(issue);
  }
  const rows = [...counts].flatMap(([severity, byStatus]) => [...byStatus].map(([status, count]) => ({ severity, status, count })));
  return tierCountsFrom(rows, blocked);
}

export function buildReportModel(
  document: ProjectDocument,
  items: Record<string, ItemState> = {},
  kpis: Record<string, KpiState> = {},
  generatedAt = new Date().toISOString(),
): ReportModel {
  return { generatedAt, document, items, kpis, tiers: tierCounts(document.issues) };
}
