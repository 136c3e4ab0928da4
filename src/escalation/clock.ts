// The SLA clock of one issue: it starts at an instant, counts either all time (wall clock) or
// only working time (a calendar), does not count while paused (blocked), and stops at resolve.
// Pure arithmetic on UTC milliseconds; everything else (levels, firing) builds on these two
// questions: how many minutes has it counted by T, and when does it reach N minutes.
import { type Calendar, type Interval, workingIntervals } from './calendar.js';

const MINUTE_MS = 60_000;

export type Measure = { kind: 'wall' } | { kind: 'business'; calendar: Calendar };

export interface Clock {
  startMs: number;
  /** Periods that do not count, [from, to); `to` null while the pause lasts. */
  pauses: ReadonlyArray<readonly [number, number | null]>;
  /** When the clock stopped (the issue was resolved), or null while it runs. */
  stoppedMs: number | null;
}

/** Pauses sorted and merged, open ones running to infinity. */
function mergedPauses(pauses: Clock['pauses']): Interval[] {
  const sorted = pauses
    .map(([from, to]): Interval => [from, to ?? Number.POSITIVE_INFINITY])
    .filter(([from, to]) => to > from)
    .sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [from, to] of sorted) {
    const last = out[out.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
  }
  return out;
}

/** The periods the clock counts, in order: the measure's time minus pauses, up to the stop. */
export function* countingIntervals(measure: Measure, clock: Clock, untilMs = Number.POSITIVE_INFINITY): Generator<Interval> {
  const pauses = mergedPauses(clock.pauses);
  const openPause = pauses.find(([, to]) => to === Number.POSITIVE_INFINITY);
  const end = Math.min(untilMs, clock.stoppedMs ?? Number.POSITIVE_INFINITY, openPause ? openPause[0] : Number.POSITIVE_INFINITY);
  if (end <= clock.startMs) return;
  const base: Iterable<Interval> = measure.kind === 'wall' ? [[clock.startMs, end]] : workingIntervals(measure.calendar, clock.startMs, end);
  let p = 0;
  for (const [from, to] of base) {
    let cursor = from;
    while (p < pauses.length && pauses[p]![1] <= cursor) p++;
    for (let q = p; q < pauses.length && pauses[q]![0] < to; q++) {
      const [pf, pt] = pauses[q]!;
      if (pf > cursor) yield [cursor, Math.min(pf, to)];
      cursor = Math.max(cursor, pt);
      if (cursor >= to) break;
    }
    if (cursor < to) yield [cursor, to];
  }
}

/** Minutes the clock has counted by `atMs` (fractions kept). */
export function elapsedMinutes(measure: Measure, clock: Clock, atMs: number): number {
  let ms = 0;
  for (const [from, to] of countingIntervals(measure, clock, atMs)) ms += to - from;
  return ms / MINUTE_MS;
}

/**
 * The instant at which the clock reaches `minutes`, or null when it never will as things stand
 * (stopped, or paused with no end, before getting there).
 */
export function instantAfter(measure: Measure, clock: Clock, minutes: number): number | null {
  let remaining = minutes * MINUTE_MS;
  for (const [from, to] of countingIntervals(measure, clock)) {
    if (remaining <= to - from) return from + remaining;
    remaining -= to - from;
  }
  return null;
}

/** Whether the clock is paused at `atMs`. */
export function isPausedAt(clock: Clock, atMs: number): boolean {
  return clock.pauses.some(([from, to]) => from <= atMs && (to === null || atMs < to));
}
