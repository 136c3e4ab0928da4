// Monte Carlo forecast: how many days until the remaining issues are closed, drawing each
// simulated day from a real past day's closures per tier. Pure and seedable.
import { SEVERITIES, type Severity } from '../domain/enums.js';
import type { Snapshot } from '../domain/tracking-port.js';
import { addDays, daysBetween } from './dates.js';
import { closedIn, snapshotOn } from './snapshot.js';

export type Rng = () => number;
export type PerTier = Record<Severity, number>;

export interface DailyThroughput {
  day: string;
  closed: PerTier;
}

export interface ForecastOptions {
  /** The day the forecast starts from (today). */
  start: string;
  trials?: number;
  /** Fewer observed days than this and the forecast declines. */
  minDays?: number;
  /** Trials that have not finished after this many days count as "beyond the horizon". */
  horizonDays?: number;
}

export interface Percentiles {
  days: number;
  date: string;
}

export type ForecastResult =
  | { status: 'done'; reason: string }
  | { status: 'insufficient'; reason: string; historyDays: number }
  | {
      status: 'ok';
      historyDays: number;
      meanPerDay: number;
      trials: number;
      p50: Percentiles | null;
      p85: Percentiles | null;
      /** Per tier with work left: when that tier is expected to be clear. */
      tiers: Partial<Record<Severity, { p50: Percentiles | null; p85: Percentiles | null }>>;
    };

const zero = (): PerTier => ({ critical: 0, major: 0, medium: 0, minor: 0 });

/** Seedable PRNG (mulberry32): the same seed gives the same forecast. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Closures per calendar day from the first snapshot to `until` (inclusive); a day without a
 * snapshot had no change, so it counts as zero: idle days are part of the real pace.
 */
export function throughputFromSnapshots(snapshots: readonly Snapshot[], until: string): DailyThroughput[] {
  const first = snapshots[0];
  if (!first) return [];
  const out: DailyThroughput[] = [];
  let prev = first.counts;
  for (let day = addDays(first.day, 1); day <= until; day = addDays(day, 1)) {
    const now = snapshotOn(snapshots, day)?.counts ?? prev;
    const closed = zero();
    for (const sev of SEVERITIES) closed[sev] = Math.max(0, closedIn(now, sev) - closedIn(prev, sev));
    out.push({ day, closed });
    prev = now;
  }
  return out;
}

export function forecast(history: readonly DailyThroughput[], remaining: PerTier, rng: Rng, options: ForecastOptions): ForecastResult {
  const trials = options.trials ?? 2_000;
  const minDays = options.minDays ?? 5;
  const horizon = options.horizonDays ?? 730;
  const left = SEVERITIES.reduce((n, s) => n + remaining[s], 0);
  if (left === 0) return { status: 'done', reason: 'no open issues left' };
  if (history.length < minDays) {
    return {
      status: 'insufficient',
      reason: `only ${history.length} day(s) of history; a forecast needs at least ${minDays} (snapshots are taken daily as issues change)`,
      historyDays: history.length,
    };
  }
  const total = history.reduce((n, h) => n + SEVERITIES.reduce((m, s) => m + h.closed[s], 0), 0);
  if (total === 0) {
    return { status: 'insufficient', reason: `no issue was closed in the ${history.length} days observed`, historyDays: history.length };
  }

  const finish: number[] = [];
  const tierFinish: Record<Severity, number[]> = { critical: [], major: [], medium: [], minor: [] };
  for (let t = 0; t < trials; t++) {
    const rem = { ...remaining };
    const cleared: PerTier = zero();
    let day = 0;
    let open = left;
    while (open > 0 && day < horizon) {
      day++;
      const sample = history[Math.floor(rng() * history.length)] ?? history[0];
      if (!sample) break;
      // Each tier's own pace first; capacity a tier did not need goes to the most severe tier
      // still open, as a team would move on to the next most important work.
      let spare = 0;
      for (const sev of SEVERITIES) {
        const used = Math.min(rem[sev], sample.closed[sev]);
        rem[sev] -= used;
        spare += sample.closed[sev] - used;
      }
      for (const sev of SEVERITIES) {
        const used = Math.min(rem[sev], spare);
        rem[sev] -= used;
        spare -= used;
      }
      open = 0;
      for (const sev of SEVERITIES) {
        if (remaining[sev] > 0 && rem[sev] === 0 && cleared[sev] === 0) cleared[sev] = day;
        open += rem[sev];
      }
    }
    finish.push(open > 0 ? Infinity : day);
    for (const sev of SEVERITIES) if (remaining[sev] > 0) tierFinish[sev].push(cleared[sev] || Infinity);
  }

  const at = (values: number[], q: number): Percentiles | null => {
    const sorted = [...values].sort((a, b) => a - b);
    const v = sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? Infinity;
    return Number.isFinite(v) ? { days: v, date: addDays(options.start, v) } : null;
  };
  const tiers: Partial<Record<Severity, { p50: Percentiles | null; p85: Percentiles | null }>> = {};
  for (const sev of SEVERITIES) if (remaining[sev] > 0) tiers[sev] = { p50: at(tierFinish[sev], 0.5), p85: at(tierFinish[sev], 0.85) };
  return {
    status: 'ok',
    historyDays: history.length,
    meanPerDay: Math.round((total / history.length) * 100) / 100,
    trials,
    p50: at(finish, 0.5),
    p85: at(finish, 0.85),
    tiers,
  };
}

export type WindowVerdict = 'on_track' | 'at_risk' | 'late' | 'unknown';

/** Against a window's last day: p85 inside is on track, only p50 inside is at risk. */
export function judgeWindow(result: ForecastResult, end: string | null): WindowVerdict {
  if (result.status === 'done') return 'on_track';
  if (result.status !== 'ok' || !end) return 'unknown';
  if (result.p85 && daysBetween(result.p85.date, end) >= 0) return 'on_track';
  if (result.p50 && daysBetween(result.p50.date, end) >= 0) return 'at_risk';
  return 'late';
}
