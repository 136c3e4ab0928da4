// Calendar arithmetic on YYYY-MM-DD days, in UTC so a day means the same on every machine.
import { isCalendarDay } from '../domain/dates.js';
const DAY_MS = 86_400_000;

export const dayOf = (iso: string): string => new Date(iso).toISOString().slice(0, 10);

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export const isWeekend = (day: string): boolean => {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 || d === 6;
};

/** The working day before `day` (Monday → Friday). */
export function previousWorkingDay(day: string): string {
  let d = addDays(day, -1);
  while (isWeekend(d)) d = addDays(d, -1);
  return d;
}

/** A calendar day that exists (2026-02-30 does not). */
export const isDay = isCalendarDay;

/** A project or phase date written by people ("2026-11-16", "November 16, 2026"), or null. */
export function parseLooseDay(text: string | null | undefined): string | null {
  if (!text) return null;
  const iso = /\b(\d{4}-\d{2}-\d{2})\b/.exec(text);
  if (iso?.[1] && isDay(iso[1])) return iso[1];
  const t = Date.parse(`${text} UTC`);
  return Number.isNaN(t) ? null : new Date(t).toISOString().slice(0, 10);
}

/**
 * The last day of a phase window: explicit dates ("2026-11-16 – 2026-11-27"), or "Week 2",
 * "Week 3-4", "Day 1-3" counted from the project's start day. Null when it cannot tell.
 */
export function windowEnd(window: string | null, startDay: string | null): string | null {
  if (!window) return null;
  const dates = [...window.matchAll(/\b(\d{4}-\d{2}-\d{2})\b/g)].map((m) => m[1] ?? '').filter(isDay);
  if (dates.length > 0) return dates[dates.length - 1] ?? null;
  if (!startDay) return null;
  const week = /\bweeks?\s*(\d+)(?:\s*[-–]\s*(\d+))?/i.exec(window);
  if (week?.[1]) return addDays(startDay, 7 * Number(week[2] ?? week[1]) - 1);
  const days = /\bdays?\s*(\d+)(?:\s*[-–]\s*(\d+))?/i.exec(window);
  if (days?.[1]) return addDays(startDay, Number(days[2] ?? days[1]) - 1);
  return null;
}
