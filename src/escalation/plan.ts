// For one issue at one instant: where each level's clock stands, which (level, repeat) firings
// are due now and not yet fired, and when to look at the issue next. Pure: the sweep loads
// the facts, this decides, the sweep writes.
import { CLOSED_STATUSES, type Severity, type Status } from '../domain/enums.js';
import { type Clock, elapsedMinutes, instantAfter, isPausedAt } from './clock.js';
import { formatMinutes } from './duration.js';
import { inScope, type Level, measureOf, type Policy } from './policy.js';
import { addDays, zonedInstant } from './zoned-time.js';
import type { LevelClock } from '../domain/views.js';

export type { LevelClock } from '../domain/views.js';

export interface ClockIssue {
  key: string;
  severity: Severity;
  status: Status;
  phase: string | null;
  labels: readonly string[];
  owner: string | null;
  createdAt: string;
  dueDate: string | null;
  estimateMinutes: number | null;
  resolvedAt: string | null;
}

/** A status the issue took, and when (its creation included when known). */
export interface StatusChange {
  at: string;
  status: Status;
}

export interface FiredRecord {
  level: number;
  repeat: number;
  ackedAt: string | null;
}

export interface Firing {
  level: number;
  repeat: number;
  dueAt: string;
  reason: string;
}

export interface IssuePlan {
  clocks: LevelClock[];
  fire: Firing[];
  /** When the issue must be looked at again; null when nothing can happen until it changes. */
  nextAt: string | null;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** Blocked periods from the status history; with no history, a blocked issue is paused since creation. */
export function blockedPeriods(issue: ClockIssue, history: readonly StatusChange[]): Array<[number, number | null]> {
  const changes = [...history].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  if (changes.length === 0) return issue.status === 'blocked' ? [[Date.parse(issue.createdAt), null]] : [];
  const out: Array<[number, number | null]> = [];
  let since: number | null = null;
  for (const c of changes) {
    const at = Date.parse(c.at);
    if (c.status === 'blocked' && since === null) since = at;
    else if (c.status !== 'blocked' && since !== null) {
      out.push([since, at]);
      since = null;
    }
  }
  if (since !== null) out.push([since, issue.status === 'blocked' ? null : Date.parse(issue.resolvedAt ?? changes[changes.length - 1]!.at)]);
  return out;
}

function clockStart(issue: ClockIssue, level: Level, policy: Policy): { ms: number; label: string } {
  const created = Date.parse(issue.createdAt);
  if (policy.clockStart === 'due') {
    // A due date means "by the end of that day" in the project's time zone.
    if (issue.dueDate !== null) return { ms: zonedInstant(addDays(issue.dueDate, 1), 0, policy.calendar.timeZone), label: `due ${issue.dueDate}` };
    if (issue.estimateMinutes !== null && issue.estimateMinutes > 0) {
      const eta = instantAfter(measureOf(level, policy), { startMs: created, pauses: [], stoppedMs: null }, issue.estimateMinutes);
      if (eta !== null) return { ms: eta, label: `ETA ${formatMinutes(issue.estimateMinutes)} after creation` };
    }
  }
  return { ms: created, label: 'creation' };
}

export function planIssue(
  issue: ClockIssue,
  history: readonly StatusChange[],
  policy: Policy,
  fired: readonly FiredRecord[],
  nowMs: number,
): IssuePlan {
  const open = !CLOSED_STATUSES.includes(issue.status);
  const pauses = policy.pauseWhileBlocked ? blockedPeriods(issue, history) : [];
  const stoppedMs = open ? null : Date.parse(issue.resolvedAt ?? history[history.length - 1]?.at ?? issue.createdAt);
  const levels = policy.levels.filter((l) => l.afterMinutes !== null && inScope(l, issue));
  const clocks: LevelClock[] = [];
  const fire: Firing[] = [];
  const next: number[] = [];
  const firedSet = new Set(fired.map((f) => `${f.level}:${f.repeat}`));

  let highestBreached: { level: Level; clock: Clock; elapsed: number } | null = null;
  for (const level of levels) {
    const after = level.afterMinutes!;
    const start = clockStart(issue, level, policy);
    const clock: Clock = { startMs: start.ms, pauses, stoppedMs };
    const measure = measureOf(level, policy);
    const elapsed = elapsedMinutes(measure, clock, nowMs);
    const breachAt = instantAfter(measure, clock, after);
    const breached = breachAt !== null && breachAt <= nowMs;
    const acknowledged = fired.some((f) => f.level === level.level && f.ackedAt !== null);
    clocks.push({
      level: level.level,
      afterMinutes: after,
      businessHours: level.businessHours,
      startAt: iso(start.ms),
      breachAt: breachAt === null ? null : iso(breachAt),
      elapsedMinutes: elapsed,
      leftMinutes: after - elapsed,
      breached,
      paused: isPausedAt(clock, nowMs),
      acknowledged,
    });
    if (!open) continue;
    if (breached) {
      if (!firedSet.has(`${level.level}:0`)) {
        const how = level.businessHours ? 'working hours' : 'wall-clock time';
        fire.push({
          level: level.level,
          repeat: 0,
          dueAt: iso(breachAt),
          reason: `open ${formatMinutes(elapsed)} of ${how} since ${start.label}; level ${level.level}'s window is ${formatMinutes(after)}`,
        });
      }
      highestBreached = { level, clock, elapsed };
    } else if (breachAt !== null) next.push(breachAt);
  }

  // Only the highest breached level repeats: once the next level has fired, the lower one has
  // been escalated past and repeating it would be noise.
  if (open && highestBreached !== null) {
    const { level, clock, elapsed } = highestBreached;
    const every = level.repeatMinutes;
    const acked = fired.some((f) => f.level === level.level && f.ackedAt !== null);
    if (every !== null && !acked) {
      const after = level.afterMinutes!;
      const measure = measureOf(level, policy);
      const k = Math.floor((elapsed - after) / every);
      // A first notification is not followed by a catch-up reminder in the same breath.
      const firstNow = fire.some((f) => f.level === level.level && f.repeat === 0);
      if (k >= 1 && !firstNow && !firedSet.has(`${level.level}:${k}`)) {
        const dueAt = instantAfter(measure, clock, after + k * every);
        fire.push({
          level: level.level,
          repeat: k,
          dueAt: iso(dueAt ?? nowMs),
          reason: `not acknowledged: repeat ${k} of level ${level.level}, every ${formatMinutes(every)} after its window`,
        });
      }
      const following = instantAfter(measure, clock, after + (Math.max(k, 0) + 1) * every);
      if (following !== null) next.push(following);
    }
  }
  return { clocks, fire, nextAt: next.length > 0 ? iso(Math.min(...next)) : null };
}
