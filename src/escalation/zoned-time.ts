// Wall-clock time in a named time zone, from the platform's time-zone database (Intl). Node 20 has
// no Temporal; these three functions are all the escalation clock needs: what day and minute it
// is somewhere, and which instant a local day and minute is there (DST gaps and overlaps included).
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the platform knows the zone (an IANA name such as Europe/Berlin, or UTC). */
export function isTimeZone(name: string): boolean {
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

export interface LocalTime {
  /** YYYY-MM-DD */
  day: string;
  /** Minutes since local midnight, 0..1439. */
  minute: number;
  /** 0 = Sunday .. 6 = Saturday */
  weekday: number;
}

function parts(ms: number, timeZone: string): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const p: Record<string, number> = {};
  for (const { type, value } of formatter(timeZone).formatToParts(new Date(ms))) {
    if (type !== 'literal') p[type] = Number(value);
  }
  return { y: p.year ?? 1970, mo: p.month ?? 1, d: p.day ?? 1, h: p.hour ?? 0, mi: p.minute ?? 0, s: p.second ?? 0 };
}

/** How far the zone is ahead of UTC at `ms`, in minutes (Berlin in summer: 120). */
export function offsetMinutes(ms: number, timeZone: string): number {
  const p = parts(ms, timeZone);
  const asUtc = Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / MINUTE_MS);
}

export function localTime(ms: number, timeZone: string): LocalTime {
  const p = parts(ms, timeZone);
  const day = `${String(p.y).padStart(4, '0')}-${String(p.mo).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
  return { day, minute: p.h * 60 + p.mi, weekday: new Date(Date.UTC(p.y, p.mo - 1, p.d)).getUTCDay() };
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The instant at which the zone's clocks show `minute` (0..1440) of `day`. A local time that
 * does not exist (the hour skipped when clocks go forward) is moved forward by the gap, and one
 * that exists twice (clocks going back) is the earlier, as calendars and Temporal do.
 */
export function zonedInstant(day: string, minute: number, timeZone: string): number {
  if (minute >= 1440) return zonedInstant(addDays(day, Math.floor(minute / 1440)), minute % 1440, timeZone);
  const guess = Date.parse(`${day}T00:00:00Z`) + minute * MINUTE_MS;
  const before = offsetMinutes(guess - DAY_MS, timeZone);
  const after = offsetMinutes(guess + DAY_MS, timeZone);
  const candidates = [...new Set([before, after])]
    .map((offset) => guess - offset * MINUTE_MS)
    .filter((t) => {
      const local = localTime(t, timeZone);
      return local.day === day && local.minute === minute;
    })
    .sort((a, b) => a - b);
  return candidates[0] ?? guess - before * MINUTE_MS;
}
