import { badInput } from './errors.js';

// Working-time units: a day is 8 hours, a week 5 days, as planning documents count them.
const UNIT_MINUTES: Record<string, number> = {
  m: 1, min: 1, mins: 1, minute: 1, minutes: 1,
  h: 60, hr: 60, hrs: 60, hour: 60, hours: 60,
  d: 480, day: 480, days: 480,
  w: 2400, wk: 2400, wks: 2400, week: 2400, weeks: 2400,
  // French registers: `1j`, `2 jours`, `3 heures`.
  j: 480, jour: 480, jours: 480, heure: 60, heures: 60, semaine: 2400, semaines: 2400,
};

const NONE = new Set(['', '-', '—', '–', 'n/a', 'na', 'none', 'tbd', '?']);

/** Parses `30min`, `2hrs`, `1.5h`, `1d`, `1w`, `1h 30m`; `-` means no estimate (null). */
export function parseEstimate(text: string): number | null {
  const input = text.trim().toLowerCase();
  if (NONE.has(input)) return null;
  const part = /(\d+(?:\.\d+)?)\s*([a-z]+)/g;
  let total = 0;
  let consumed = '';
  for (const match of input.matchAll(part)) {
    const [whole, amount, unit] = match as unknown as [string, string, string];
    const perUnit = UNIT_MINUTES[unit];
    if (perUnit === undefined) throw badInput(`estimate: unknown unit "${unit}" in "${text}" (use min, h, d or w, e.g. 30min, 1.5h, 1d)`);
    total += Number(amount) * perUnit;
    consumed += whole;
  }
  if (consumed.replace(/\s+/g, '') !== input.replace(/\s+/g, '') || consumed === '') {
    throw badInput(`estimate: cannot read "${text}" (use e.g. 30min, 2hrs, 1.5h, 1d, 1w or -)`);
  }
  return Math.round(total);
}

/** The shortest faithful spelling: 45min, 3hrs, 1.5hrs, 1d, 1w. */
export function formatEstimate(minutes: number | null): string {
  if (minutes === null) return '-';
  if (minutes % 2400 === 0) return `${minutes / 2400}w`;
  if (minutes % 480 === 0) return `${minutes / 480}d`;
  if (minutes >= 60 && minutes % 30 === 0) {
    const hours = minutes / 60;
    return hours === 1 ? '1hr' : `${hours}hrs`;
  }
  return `${minutes}min`;
}
