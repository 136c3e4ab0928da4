// Working time: which days are working days, which hours of them count, which dates are
// holidays, all in the project's time zone. A business-hours window counts only this time.
import { addDays, localTime, zonedInstant } from './zoned-time.js';

export interface Calendar {
  timeZone: string;
  /** Working weekdays, 0 = Sunday .. 6 = Saturday. */
  days: readonly number[];
  /** Working hours of a working day as [from, to) minutes since local midnight, sorted, disjoint. */
  hours: ReadonlyArray<readonly [number, number]>;
  /** YYYY-MM-DD dates that are not working days. */
  holidays: ReadonlySet<string>;
}

export type Interval = readonly [number, number];

/** A calendar with no working time would make a business window never end: refuse it early. */
export function calendarProblem(calendar: Calendar): string | null {
  if (calendar.days.length === 0) return 'no working days';
  if (calendar.hours.length === 0) return 'no working hours';
  for (const [from, to] of calendar.hours) if (!(from >= 0 && to <= 1440 && from < to)) return `working hours ${from}-${to} are not a range within a day`;
  return null;
}

// Ten years of days with no working time means the calendar cannot be met (all holidays).
const MAX_DAYS = 3_660;

/**
 * The working intervals (UTC milliseconds) from `fromMs` on, in order, clipped to [fromMs, untilMs).
 * Each local working day is turned into instants separately, so a DST change shifts the hours
 * with the clocks (09:00–17:00 stays 09:00–17:00 local) and a day with a skipped hour is shorter.
 */
export function* workingIntervals(calendar: Calendar, fromMs: number, untilMs = Number.POSITIVE_INFINITY): Generator<Interval> {
  let day = localTime(fromMs, calendar.timeZone).day;
  for (let idle = 0; idle < MAX_DAYS; day = addDays(day, 1)) {
    const dayStart = zonedInstant(day, 0, calendar.timeZone);
    if (dayStart >= untilMs) return;
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (!calendar.days.includes(weekday) || calendar.holidays.has(day)) {
      idle++;
      continue;
    }
    let any = false;
    for (const [from, to] of calendar.hours) {
      const start = Math.max(zonedInstant(day, from, calendar.timeZone), fromMs);
      const end = Math.min(zonedInstant(day, to, calendar.timeZone), untilMs);
      if (end > start) {
        any = true;
        yield [start, end];
      }
    }
    idle = any ? 0 : idle + 1;
  }
}

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** "mon" / "monday" → 1; null when it is no weekday. */
export function weekdayNumber(text: string): number | null {
  const i = WEEKDAYS.indexOf(text.trim().toLowerCase().slice(0, 3) as (typeof WEEKDAYS)[number]);
  return i < 0 ? null : i;
}

export const weekdayName = (n: number): string => WEEKDAYS[n] ?? '?';

/** "09:00-17:00" → [540, 1020]; "24:00" is the end of the day. Null when malformed. */
export function parseHours(text: string): [number, number] | null {
  const m = /^\s*(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})\s*$/.exec(text);
  if (!m) return null;
  const from = Number(m[1]) * 60 + Number(m[2]);
  const to = Number(m[3]) * 60 + Number(m[4]);
  if (Number(m[2]) > 59 || Number(m[4]) > 59 || from >= to || to > 1440) return null;
  return [from, to];
}
