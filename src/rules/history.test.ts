import { describe, expect, it } from 'vitest';
import type { Severity, Status } from '../domain/enums.js';
import type { Snapshot } from '../domain/tracking-port.js';
import { previousWorkingDay, windowEnd } from './dates.js';
import { forecast, judgeWindow, seededRng, throughputFromSnapshots } from './forecast.js';
import { countsFromTally, emptyCounts } from './snapshot.js';
import { standup } from './standup.js';

function snap(day: string, rows: [Severity, Status, number][]): Snapshot {
  const counts = emptyCounts();
  for (const [sev, st, n] of rows) counts[sev][st] = n;
  return { day, at: `${day}T18:00:00.000Z`, counts };
}

// A recorded history: 6 critical and 10 major at the start, closed over a working week.
const HISTORY: Snapshot[] = [
  snap('2026-11-16', [['critical', 'backlog', 6], ['major', 'backlog', 10]]),
  snap('2026-11-17', [['critical', 'backlog', 4], ['critical', 'resolved', 2], ['major', 'backlog', 10]]),
  snap('2026-11-18', [['critical', 'backlog', 3], ['critical', 'in_progress', 1], ['critical', 'resolved', 2], ['major', 'backlog', 8], ['major', 'resolved', 2]]),
  snap('2026-11-20', [['critical', 'blocked', 1], ['critical', 'in_progress', 1], ['critical', 'resolved', 4], ['major', 'backlog', 7], ['major', 'resolved', 2], ['major', 'wont_fix', 1]]),
];

describe('snapshots', () => {
  it('counts a tally per severity × status', () => {
    const c = countsFromTally([
      { severity: 'critical', status: 'backlog', phase: 'p1', count: 2 },
      { severity: 'critical', status: 'backlog', phase: null, count: 1 },
      { severity: 'minor', status: 'resolved', phase: null, count: 4 },
    ]);
    expect(c.critical.backlog).toBe(3);
    expect(c.minor.resolved).toBe(4);
    expect(c.major.blocked).toBe(0);
  });
});

describe('standup', () => {
  it('compares with the previous working day', () => {
    const s = standup(HISTORY, '2026-11-20');
    expect(s.since).toBe('2026-11-19');
    expect(s.baselineDay).toBe('2026-11-18');
    expect(s.tiers[0]).toMatchObject({ severity: 'critical', closedSince: 2, inProgress: 1, blocked: 1, open: 2, openDelta: -2 });
    expect(s.tiers[0]?.completed).toBe(s.tiers[0]!.total - s.tiers[0]!.open);
    expect(s.tiers[1]).toMatchObject({ severity: 'major', closedSince: 1, inProgress: 0, blocked: 0, open: 7, openDelta: -1 });
    expect(s.totals).toMatchObject({ closedSince: 3, inProgress: 1, blocked: 1, open: 9, openDelta: -3 });
  });
  it('skips the weekend on Monday', () => {
    expect(previousWorkingDay('2026-11-23')).toBe('2026-11-20');
    const s = standup(HISTORY, '2026-11-23');
    expect(s.baselineDay).toBe('2026-11-20');
    expect(s.totals.closedSince).toBe(0);
  });
  it('has no closed-since count without an earlier snapshot', () => {
    expect(standup(HISTORY, '2026-11-16').totals.closedSince).toBeNull();
    expect(standup([], '2026-11-16').totals.open).toBe(0);
  });
});

describe('forecast', () => {
  const history = throughputFromSnapshots(HISTORY, '2026-11-22');

  it('derives daily closures, idle days included', () => {
    expect(history.map((h) => h.day)).toEqual(['2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22']);
    expect(history.map((h) => h.closed.critical + h.closed.major)).toEqual([2, 2, 0, 3, 0, 0]);
  });

  it('is reproducible with a seed and orders p50 before p85', () => {
    const remaining = { critical: 2, major: 7, medium: 0, minor: 0 };
    const a = forecast(history, remaining, seededRng(42), { start: '2026-11-22' });
    const b = forecast(history, remaining, seededRng(42), { start: '2026-11-22' });
    expect(a).toEqual(b);
    if (a.status !== 'ok') throw new Error(a.status);
    expect(a.meanPerDay).toBe(1.17);
    expect(a.p50!.days).toBeLessThanOrEqual(a.p85!.days);
    // 9 issues at ~1.17/day: the median lands near 8 days.
    expect(a.p50!.days).toBeGreaterThanOrEqual(5);
    expect(a.p50!.days).toBeLessThanOrEqual(12);
    expect(a.tiers.critical!.p50!.days).toBeLessThanOrEqual(a.p50!.days);
    expect(a.tiers.medium).toBeUndefined();
  });

  it('is exact on a constant pace', () => {
    const steady = Array.from({ length: 5 }, (_, i) => ({
      day: `2026-11-0${i + 1}`,
      closed: { critical: 1, major: 1, medium: 0, minor: 0 },
    }));
    const r = forecast(steady, { critical: 2, major: 4, medium: 0, minor: 0 }, seededRng(1), { start: '2026-11-10' });
    expect(r).toMatchObject({ status: 'ok', p50: { days: 3, date: '2026-11-13' }, p85: { days: 3 } });
    if (r.status === 'ok') expect(r.tiers.critical?.p50?.days).toBe(2);
    expect(judgeWindow(r, '2026-11-13')).toBe('on_track');
    expect(judgeWindow(r, '2026-11-12')).toBe('late');
  });

  it('declines with too little history or no progress', () => {
    expect(forecast(history.slice(0, 2), { critical: 1, major: 0, medium: 0, minor: 0 }, seededRng(1), { start: '2026-11-22' })).toMatchObject({
      status: 'insufficient',
      reason: expect.stringContaining('only 2 day(s)'),
    });
    const idle = history.map((h) => ({ ...h, closed: { critical: 0, major: 0, medium: 0, minor: 0 } }));
    expect(forecast(idle, { critical: 1, major: 0, medium: 0, minor: 0 }, seededRng(1), { start: '2026-11-22' }).status).toBe('insufficient');
    expect(forecast(history, { critical: 0, major: 0, medium: 0, minor: 0 }, seededRng(1), { start: '2026-11-22' }).status).toBe('done');
  });
});

describe('phase windows', () => {
  it('reads weeks, days and dates', () => {
    expect(windowEnd('Week 1', '2026-11-16')).toBe('2026-11-22');
    expect(windowEnd('Week 3-4', '2026-11-16')).toBe('2026-12-13');
    expect(windowEnd('Day 1-3', '2026-11-16')).toBe('2026-11-18');
    expect(windowEnd('2026-11-16 – 2026-11-27', null)).toBe('2026-11-27');
    expect(windowEnd('Q1', '2026-11-16')).toBeNull();
    expect(windowEnd('Week 2', null)).toBeNull();
  });
});
