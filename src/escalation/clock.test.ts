import { describe, expect, it } from 'vitest';
import { type Calendar, parseHours, workingIntervals } from './calendar.js';
import { type Clock, elapsedMinutes, instantAfter, isPausedAt, type Measure } from './clock.js';
import { localTime, offsetMinutes, zonedInstant } from './zoned-time.js';

const ms = (iso: string): number => Date.parse(iso);
const at = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString());

const berlin: Calendar = { timeZone: 'Europe/Berlin', days: [1, 2, 3, 4, 5], hours: [[540, 1020]], holidays: new Set() };
const business = (calendar: Calendar = berlin): Measure => ({ kind: 'business', calendar });
const wall: Measure = { kind: 'wall' };
const clock = (start: string, pauses: Clock['pauses'] = [], stopped: string | null = null): Clock => ({
  startMs: ms(start),
  pauses,
  stoppedMs: stopped === null ? null : ms(stopped),
});

describe('zoned time', () => {
  it('knows the offset on either side of a DST change', () => {
    expect(offsetMinutes(ms('2026-03-29T00:30:00Z'), 'Europe/Berlin')).toBe(60);
    expect(offsetMinutes(ms('2026-03-29T01:30:00Z'), 'Europe/Berlin')).toBe(120);
    expect(offsetMinutes(ms('2026-11-01T05:30:00Z'), 'America/New_York')).toBe(-240);
    expect(offsetMinutes(ms('2026-11-01T06:30:00Z'), 'America/New_York')).toBe(-300);
    expect(offsetMinutes(ms('2026-06-01T00:00:00Z'), 'Asia/Kathmandu')).toBe(345);
  });

  it('turns a local day and minute into the instant, in summer and in winter', () => {
    expect(at(zonedInstant('2026-01-15', 540, 'Europe/Berlin'))).toBe('2026-01-15T08:00:00.000Z');
    expect(at(zonedInstant('2026-07-15', 540, 'Europe/Berlin'))).toBe('2026-07-15T07:00:00.000Z');
    expect(at(zonedInstant('2026-07-15', 1440, 'Europe/Berlin'))).toBe('2026-07-15T22:00:00.000Z');
  });

  it('moves a local time the clocks skip forward by the gap, and takes the first of a repeated one', () => {
    // 02:30 does not exist in Berlin on 2026-03-29: clocks go from 02:00 to 03:00.
    expect(at(zonedInstant('2026-03-29', 150, 'Europe/Berlin'))).toBe('2026-03-29T01:30:00.000Z');
    expect(localTime(zonedInstant('2026-03-29', 150, 'Europe/Berlin'), 'Europe/Berlin').minute).toBe(210);
    // 02:30 happens twice on 2026-10-25: first at +02:00.
    expect(at(zonedInstant('2026-10-25', 150, 'Europe/Berlin'))).toBe('2026-10-25T00:30:00.000Z');
  });

  it('says which local day and weekday an instant falls on', () => {
    expect(localTime(ms('2026-11-27T23:30:00Z'), 'Europe/Berlin')).toEqual({ day: '2026-11-28', minute: 30, weekday: 6 });
    expect(localTime(ms('2026-11-28T03:00:00Z'), 'America/Los_Angeles')).toEqual({ day: '2026-11-27', minute: 1140, weekday: 5 });
  });
});

describe('working intervals', () => {
  it('skips weekends and holidays and keeps local hours across a DST change', () => {
    const cal: Calendar = { ...berlin, holidays: new Set(['2026-03-30']) };
    const got = [...workingIntervals(cal, ms('2026-03-27T00:00:00Z'), ms('2026-04-01T00:00:00Z'))].map(([a, b]) => [at(a), at(b)]);
    expect(got).toEqual([
      ['2026-03-27T08:00:00.000Z', '2026-03-27T16:00:00.000Z'], // Friday, CET
      ['2026-03-31T07:00:00.000Z', '2026-03-31T15:00:00.000Z'], // Tuesday, CEST (Monday a holiday)
    ]);
  });

  it('clips the first day to the start and splits days with a lunch break', () => {
    const cal: Calendar = { ...berlin, hours: [parseHours('09:00-12:00')!, parseHours('13:00-17:00')!] };
    const got = [...workingIntervals(cal, ms('2026-01-12T10:00:00Z'), ms('2026-01-13T00:00:00Z'))].map(([a, b]) => [at(a), at(b)]);
    expect(got).toEqual([
      ['2026-01-12T10:00:00.000Z', '2026-01-12T11:00:00.000Z'],
      ['2026-01-12T12:00:00.000Z', '2026-01-12T16:00:00.000Z'],
    ]);
  });

  it('reads hour ranges, and refuses ones that are not', () => {
    expect(parseHours('08:30-24:00')).toEqual([510, 1440]);
    expect(parseHours('17:00-09:00')).toBeNull();
    expect(parseHours('9-5')).toBeNull();
  });
});

describe('the clock', () => {
  it('counts wall-clock minutes and says when a window is used up', () => {
    const c = clock('2026-11-20T10:00:00Z');
    expect(elapsedMinutes(wall, c, ms('2026-11-21T10:00:00Z'))).toBe(1440);
    expect(at(instantAfter(wall, c, 1440))).toBe('2026-11-21T10:00:00.000Z');
  });

  it('counts only working hours: 16 business hours from Friday 15:00 end on Tuesday 15:00 (Berlin)', () => {
    const c = clock('2026-11-20T14:00:00Z'); // Friday 15:00 CET
    expect(at(instantAfter(business(), c, 16 * 60))).toBe('2026-11-24T14:00:00.000Z');
    expect(elapsedMinutes(business(), c, ms('2026-11-23T16:00:00Z'))).toBe(10 * 60); // Fri 2h + Mon 8h
  });

  it('starting outside working hours, counts from the next working morning', () => {
    const c = clock('2026-11-21T12:00:00Z'); // Saturday
    expect(at(instantAfter(business(), c, 60))).toBe('2026-11-23T09:00:00.000Z'); // Monday 10:00 CET
    expect(elapsedMinutes(business(), c, ms('2026-11-22T23:00:00Z'))).toBe(0);
  });

  it('a business day across the spring-forward weekend is still 8 working hours', () => {
    const c = clock('2026-03-27T15:00:00Z'); // Friday 16:00 CET
    expect(at(instantAfter(business(), c, 120))).toBe('2026-03-30T08:00:00.000Z'); // Monday 10:00 CEST
  });

  it('a wall-clock day across the autumn DST change is 24 real hours, not a calendar day', () => {
    const c = clock('2026-10-24T10:00:00Z');
    expect(at(instantAfter(wall, c, 1440))).toBe('2026-10-25T10:00:00.000Z');
  });

  it('New York hours follow the clocks when they fall back', () => {
    const ny: Calendar = { timeZone: 'America/New_York', days: [1, 2, 3, 4, 5], hours: [[540, 1020]], holidays: new Set(['2026-11-26']) };
    const c = clock('2026-10-30T20:00:00Z'); // Friday 16:00 EDT
    // 1h on Friday, Monday 2026-11-02 09:00 EST = 14:00Z, 3h more → 17:00Z.
    expect(at(instantAfter(business(ny), c, 240))).toBe('2026-11-02T17:00:00.000Z');
    // Thanksgiving is skipped: Wednesday 16:00 + 2h → Friday 10:00.
    expect(at(instantAfter(business(ny), clock('2026-11-25T21:00:00Z'), 120))).toBe('2026-11-27T15:00:00.000Z');
  });

  it('does not count while paused, and resumes where it left off', () => {
    const c = clock('2026-11-20T00:00:00Z', [[ms('2026-11-20T06:00:00Z'), ms('2026-11-20T10:00:00Z')]]);
    expect(elapsedMinutes(wall, c, ms('2026-11-20T12:00:00Z'))).toBe(8 * 60);
    expect(at(instantAfter(wall, c, 12 * 60))).toBe('2026-11-20T16:00:00.000Z');
    expect(isPausedAt(c, ms('2026-11-20T07:00:00Z'))).toBe(true);
    expect(isPausedAt(c, ms('2026-11-20T10:00:00Z'))).toBe(false);
  });

  it('merges overlapping pauses and combines them with working hours', () => {
    const pauses: Clock['pauses'] = [
      [ms('2026-11-23T09:00:00Z'), ms('2026-11-23T11:00:00Z')],
      [ms('2026-11-23T10:00:00Z'), ms('2026-11-23T12:00:00Z')],
    ];
    const c = clock('2026-11-23T07:00:00Z', pauses); // Monday 08:00 CET, working from 09:00 CET = 08:00Z
    // Monday counts 08:00–09:00Z and 12:00–16:00Z = 5h.
    expect(elapsedMinutes(business(), c, ms('2026-11-24T00:00:00Z'))).toBe(300);
    expect(at(instantAfter(business(), c, 360))).toBe('2026-11-24T09:00:00.000Z');
  });

  it('never reaches a window while paused with no end, nor after it stopped', () => {
    const paused = clock('2026-11-20T00:00:00Z', [[ms('2026-11-20T01:00:00Z'), null]]);
    expect(instantAfter(wall, paused, 120)).toBeNull();
    expect(elapsedMinutes(wall, paused, ms('2026-12-20T00:00:00Z'))).toBe(60);
    const stopped = clock('2026-11-20T00:00:00Z', [], '2026-11-20T03:00:00Z');
    expect(instantAfter(wall, stopped, 240)).toBeNull();
    expect(elapsedMinutes(wall, stopped, ms('2026-11-21T00:00:00Z'))).toBe(180);
  });

  it('a calendar of nothing but holidays ends instead of looping forever', () => {
    const none: Calendar = { ...berlin, days: [] };
    expect(instantAfter(business(none), clock('2026-11-20T00:00:00Z'), 60)).toBeNull();
  });
});
