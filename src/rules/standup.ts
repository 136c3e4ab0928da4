// The standup: per tier, what was completed since the previous working day, what is in progress
// and what is blocked, from the daily snapshots. Pure; the service adds focus and next.
import { SEVERITIES } from '../domain/enums.js';
import type { Snapshot } from '../domain/tracking-port.js';
import type { StandupCounts, StandupTier } from '../domain/views.js';
import { previousWorkingDay } from './dates.js';
import { closedIn, openIn, snapshotOn } from './snapshot.js';

export type { StandupCounts, StandupTier } from '../domain/views.js';

export function standup(snapshots: readonly Snapshot[], date: string): StandupCounts {
  const since = previousWorkingDay(date);
  const current = snapshotOn(snapshots, date);
  const baseline = snapshotOn(snapshots, since);
  const tiers = SEVERITIES.map((severity): StandupTier => {
    const now = current?.counts;
    const before = baseline?.counts;
    const open = now ? openIn(now, severity) : 0;
    return {
      severity,
      total: now ? open + closedIn(now, severity) : 0,
      completed: now ? closedIn(now, severity) : 0,
      closedSince: now && before ? Math.max(0, closedIn(now, severity) - closedIn(before, severity)) : null,
      inProgress: now?.[severity].in_progress ?? 0,
      blocked: now?.[severity].blocked ?? 0,
      open,
      openDelta: before ? open - openIn(before, severity) : null,
    };
  });
  const sum = (f: (t: StandupTier) => number | null): number | null =>
    tiers.some((t) => f(t) === null) ? null : tiers.reduce((n, t) => n + (f(t) ?? 0), 0);
  return {
    date,
    since,
    baselineDay: baseline?.day ?? null,
    tiers,
    totals: {
      total: sum((t) => t.total) ?? 0,
      completed: sum((t) => t.completed) ?? 0,
      closedSince: sum((t) => t.closedSince),
      inProgress: sum((t) => t.inProgress) ?? 0,
      blocked: sum((t) => t.blocked) ?? 0,
      open: sum((t) => t.open) ?? 0,
      openDelta: sum((t) => t.openDelta),
    },
  };
}
