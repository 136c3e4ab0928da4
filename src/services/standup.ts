// The daily standup: counts per tier since the previous working day (from snapshots), the
// issues behind them, today's focus (the active phase) and what comes next.
import type { PhaseDoc } from '../domain/document.js';
import { SEVERITIES, type Severity, isOpenStatus } from '../domain/enums.js';
import type { Project } from '../domain/model.js';
import type { Store } from '../domain/ports.js';
import { projectTimeZone, today as todayInZone } from '../domain/dates.js';
import { zonedInstant } from '../escalation/zoned-time.js';
import { addDays, previousWorkingDay as standupSince } from '../rules/dates.js';
import { KEY_SAMPLE } from '../rules/issue-query.js';
import { standup } from '../rules/standup.js';
import type { PhaseSummary, StandupReport } from '../domain/views.js';
import { loadRuleWorld } from './evaluate.js';
import { loadSlaDay } from './sla-views.js';
import { takeSnapshot } from './snapshots.js';

export type { PhaseSummary, StandupReport } from '../domain/views.js';

const perTier = (): Record<Severity, string[]> => ({ critical: [], major: [], medium: [], minor: [] });

/** The active phase, and the one marked next (else the first later one not done). */
export function focusAndNext(phases: readonly PhaseDoc[]): { focus: PhaseDoc | null; next: PhaseDoc | null } {
  const ordered = [...phases].sort((a, b) => a.order - b.order);
  const focus = ordered.find((p) => p.state === 'active') ?? null;
  const next =
    ordered.find((p) => p.state === 'next') ??
    ordered.find((p) => p.state !== 'done' && p !== focus && (!focus || p.order > focus.order)) ??
    null;
  return { focus, next };
}

/** Midnight at the start of a day in the project's time zone, as an ISO instant. */
const startOf = (day: string): string => new Date(zonedInstant(day, 0, projectTimeZone())).toISOString();

/**
 * The one standup, for `standup`, `report standup` and the API: days are days of the project's
 * time zone, and "completed" is resolved or won't fix out of the tier (see StandupTier).
 */
export async function buildStandup(store: Store, project: Project, date?: string, now: Date = new Date()): Promise<StandupReport> {
  const today = todayInZone(now);
  const day = date ?? today;
  // Today's standup reads today's state even if nothing has snapshotted it yet.
  if (day === today) await store.write((tx) => takeSnapshot(tx, project, now.toISOString()));
  const sinceEnd = startOf(addDays(standupSince(day), 1));
  const endOfDay = startOf(addDays(day, 1));
  const [snapshots, world, tally, closed, blocked, slaDay, policy] = await Promise.all([
    store.tracking.snapshots(project.id, { to: day }),
    loadRuleWorld(store, project),
    store.issues.tally(project.id),
    store.tracking.closedBetween(project.id, sinceEnd, endOfDay),
    // Who is blocked is known only for now; a past standup shows the counts alone.
    day === today ? store.tracking.countIssues(project.id, SEVERITIES.map((s) => ({ severity: [s], status: ['blocked'] })), KEY_SAMPLE) : Promise.resolve([]),
    loadSlaDay(store, project, day),
    store.escalations.policyHash(project.id),
  ]);
  const counts = standup(snapshots, day);

  const completedKeys = perTier();
  for (const i of closed) completedKeys[i.severity].push(i.key);
  const blockedKeys = perTier();
  SEVERITIES.forEach((s, n) => blockedKeys[s].push(...(blocked[n]?.keys ?? [])));

  const summary = (p: PhaseDoc | null): PhaseSummary | null => {
    if (!p) return null;
    const list = world.lists.find((l) => l.listType === 'phase' && l.key === p.key);
    const evals = list ? world.evaluateList(list) : [];
    return {
      key: p.key,
      name: p.name,
      label: p.label,
      window: p.window,
      itemsPassing: evals.filter((e) => e.status === 'pass').length,
      items: evals.length,
      openIssues: tally.filter((t) => t.phase === p.key && isOpenStatus(t.status)).reduce((n, t) => n + t.count, 0),
    };
  };
  const { focus, next } = focusAndNext(world.sections.phases);
  for (const sev of SEVERITIES) completedKeys[sev].sort();
  return { ...counts, completedKeys, blockedKeys, focus: summary(focus), next: summary(next), escalations: { ...slaDay, swept: policy !== null } };
}
