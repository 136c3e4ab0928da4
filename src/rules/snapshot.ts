// Daily snapshots: counts of issues per severity × status, the history standup and forecast
// are computed from.
import { SEVERITIES, STATUSES, type Severity } from '../domain/enums.js';
import type { IssueTally } from '../domain/ports.js';
import type { Snapshot, SnapshotCounts } from '../domain/tracking-port.js';

export function emptyCounts(): SnapshotCounts {
  const out = {} as SnapshotCounts;
  for (const sev of SEVERITIES) out[sev] = Object.fromEntries(STATUSES.map((s) => [s, 0])) as SnapshotCounts[Severity];
  return out;
}

export function countsFromTally(tally: readonly IssueTally[]): SnapshotCounts {
  const out = emptyCounts();
  for (const t of tally) out[t.severity][t.status] += t.count;
  return out;
}

export const closedIn = (counts: SnapshotCounts, sev: Severity): number => counts[sev].resolved + counts[sev].wont_fix;

export const openIn = (counts: SnapshotCounts, sev: Severity): number =>
  STATUSES.reduce((n, st) => n + counts[sev][st], 0) - closedIn(counts, sev);

/** The snapshot in force on `day`: the last one taken on or before it. */
export function snapshotOn(snapshots: readonly Snapshot[], day: string): Snapshot | null {
  let hit: Snapshot | null = null;
  for (const s of snapshots) if (s.day <= day && (!hit || s.day >= hit.day)) hit = s;
  return hit;
}
