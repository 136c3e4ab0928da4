// Every date that enters punchlist (a flag, a document field, an API parameter) is read here, so
// an impossible day (2026-02-30) is refused the same way everywhere; and "today" is a day in the
// project's time zone (`timezone` in punchlist.yaml, else the system's), for snapshots and standups.
// No zod here: every command that takes a day loads this module, and zod costs ~25 ms of start-up.
// The patterns are zod's own (`z.iso.date()`, `z.iso.datetime({ offset: true })`), so the
// schemas in date-schemas.ts and these checks agree (dates.test.ts compares them).
import { badInput } from './errors.js';

const DAY = '(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|(?:02)-(?:0[1-9]|1\\d|2[0-8])))';
const DAY_PATTERN = new RegExp(`^${DAY}$`);
const INSTANT_PATTERN = new RegExp(`^${DAY}T(?:(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?(?:Z|([+-](?:[01]\\d|2[0-3]):[0-5]\\d)))$`);

export const isCalendarDay = (text: string): boolean => DAY_PATTERN.test(text);
export const isInstant = (text: string): boolean => INSTANT_PATTERN.test(text);

function why(text: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return 'is not a day like 2026-11-20';
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12) return `is not a day: there is no month ${month}`;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `is not a day: ${m[1]}-${m[2]} has ${last} days, not ${day}`;
}

/** Why `text` is not a calendar day that exists (`"2026-02-30" is not a day: …`), or null when it is one. */
export const dayProblem = (text: string): string | null => (isCalendarDay(text) ? null : `"${text}" ${why(text)}`);

/** Why `text` is not an ISO date-time with an offset, or null; an impossible day is named as parseDay names it. */
export function instantProblem(text: string): string | null {
  if (isInstant(text)) return null;
  const day = /^(\d{4}-\d{2}-\d{2})T/.exec(text)?.[1];
  if (day !== undefined && !isCalendarDay(day)) return `"${text}" ${why(day)}`;
  return `"${text}" is not a date-time like 2026-11-20T09:30:00Z`;
}

/** A calendar day, YYYY-MM-DD, that exists. `field` names the flag or field in the refusal. */
export function parseDay(text: string, field: string): string {
  const problem = dayProblem(text);
  if (problem !== null) throw badInput(`${field}: ${problem}`);
  return text;
}

/** A day (taken as noon UTC, so it is that day in every zone) or an ISO date-time with an offset. */
export function parseInstant(text: string, field: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return `${parseDay(text, field)}T12:00:00.000Z`;
  const problem = instantProblem(text);
  if (problem !== null) {
    if (problem.includes(' is not a day: ')) throw badInput(`${field}: ${problem}`);
    throw badInput(`${field}: "${text}" is not a day (2026-11-20) or a date-time (2026-11-20T09:30:00Z)`);
  }
  return new Date(text).toISOString();
}

export const systemTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

let configured: string | undefined;

/** Set once at start-up from punchlist.yaml (undefined: the system's zone). */
export function setProjectTimeZone(timeZone: string | undefined): void {
  configured = timeZone;
}

export const projectTimeZone = (): string => configured ?? systemTimeZone();

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The day an instant falls on in a time zone (default: the project's). */
export function dayIn(at: Date | string, timeZone: string = projectTimeZone()): string {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f.format(typeof at === 'string' ? new Date(at) : at);
}

/** Today, in the project's time zone. */
export const today = (now: Date = new Date()): string => dayIn(now);
