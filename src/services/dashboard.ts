// The dashboard's summary reads, computed from counts and sums in the store rather than from
// lists of issues: the overview's tiers (a grouped count plus the first open issues of each
// tier), each team's open work against its capacity, and the ingest runs a page at a time.
import { SEVERITIES, STATUSES, type Status, isOpenStatus } from '../domain/enums.js';
import type { Project } from '../domain/model.js';
import type { StoreSession } from '../domain/ports.js';
import type { IngestRunView, OverviewSummary, OverviewTier, TeamLoad } from '../domain/views.js';

const OPEN = STATUSES.filter(isOpenStatus);
const zeroByStatus = (): Record<Status, number> => Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;

/** Per tier: the open count and counts by status (one grouped count), and the first `rows` open issues. */
export async function overviewSummary(session: StoreSession, project: Project, rows: number): Promise<OverviewSummary> {
  const [tally, ...lists] = await Promise.all([
    session.issues.tally(project.id),
    ...SEVERITIES.map((severity) => session.issues.list(project.id, { severity: [severity], status: [...OPEN], sort: 'severity', limit: rows })),
  ]);
  const tiers = SEVERITIES.map((severity, n): OverviewTier => {
    const byStatus = zeroByStatus();
    for (const t of tally) if (t.severity === severity) byStatus[t.status] += t.count;
    return {
      severity,
      open: OPEN.reduce((sum, s) => sum + byStatus[s], 0),
      byStatus,
      items: (lists[n] ?? []).map((i) => ({ key: i.key, title: i.title, owner: i.owner, status: i.status, estimateMinutes: i.estimateMinutes, dueDate: i.dueDate, phase: i.phase })),
    };
  });
  return { tiers };
}

/** Every team of the plan with the open issues it owns (by name, as the owner filter matches). */
export async function teamLoads(session: StoreSession, project: Project): Promise<TeamLoad[]> {
  const { teams } = await session.sections.load(project.id);
  const loads = await session.tracking.openLoadByOwner(project.id, teams.map((t) => t.name));
  return teams.map((t) => {
    const load = loads.find((l) => l.owner === t.name);
    return { team: t.name, capacityHours: t.capacityHours, openIssues: load?.count ?? 0, minutes: load?.minutes ?? 0, unestimated: load?.unestimated ?? 0 };
  });
}

const count = (stats: Record<string, unknown>, field: string): number | null => (typeof stats[field] === 'number' ? stats[field] : null);

/** Ingest runs, newest first; `nextCursor` is the id to pass as `before` for the next page. */
export async function ingestRuns(session: StoreSession, project: Project, page: { limit: number; before?: number }): Promise<{ items: IngestRunView[]; nextCursor: number | null }> {
  const rows = await session.findings.runs(project.id, { limit: page.limit + 1, ...(page.before !== undefined ? { before: page.before } : {}) });
  const items = rows.slice(0, page.limit).map(
    (r): IngestRunView => ({
      run: r.id,
      at: r.at,
      actor: r.actor,
      tool: r.tool,
      scope: r.scope,
      commit: r.commit,
      findings: count(r.stats, 'findings'),
      new: count(r.stats, 'new'),
      fixed: count(r.stats, 'fixed'),
      reopened: count(r.stats, 'reopened'),
      issuesCreated: count(r.stats, 'issuesCreated'),
      issuesResolved: count(r.stats, 'issuesResolved'),
      issuesReopened: count(r.stats, 'issuesReopened'),
    }),
  );
  return { items, nextCursor: rows.length > page.limit ? (items[items.length - 1]?.run ?? null) : null };
}
