// What a report shows: the project document as it stands, the live state of every ruled item and
// KPI, and the standup counts. Built by the reports service, rendered by pure functions.
import type { ProjectDocument } from '../domain/document.js';
import { SEVERITIES, type Severity } from '../domain/enums.js';

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
}

export function tierCounts(issues: ProjectDocument['issues']): TierCounts[] {
  const tiers = new Map<Severity, TierCounts>(
    SEVERITIES.map((severity) => [severity, { severity, total: 0, completed: 0, inProgress: 0, blocked: 0, open: 0, blockedKeys: [] }]),
  );
  for (const issue of issues) {
    const tier = tiers.get(issue.severity)!;
    tier.total += 1;
    if (issue.status === 'resolved' || issue.status === 'wont_fix') tier.completed += 1;
    else tier.open += 1;
    if (issue.status === 'in_progress') tier.inProgress += 1;
    if (issue.status === 'blocked') {
      tier.blocked += 1;
      if (tier.blockedKeys.length < 10) tier.blockedKeys.push(issue.key);
    }
  }
  return [...tiers.values()];
}

export function buildReportModel(
  document: ProjectDocument,
  items: Record<string, ItemState> = {},
  kpis: Record<string, KpiState> = {},
  generatedAt = new Date().toISOString(),
): ReportModel {
  return { generatedAt, document, items, kpis, tiers: tierCounts(document.issues) };
}
