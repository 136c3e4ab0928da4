// Display helpers shared by every page: the domain's labels, durations, dates.
import { SEVERITIES, SEVERITY_LABEL, STATUSES, STATUS_LABEL, type Severity, type Status } from '../../../src/domain/enums.ts';

export { SEVERITIES, SEVERITY_LABEL, STATUSES, STATUS_LABEL, type Severity, type Status };

export const OPEN_STATUSES: readonly Status[] = STATUSES.filter((s) => s !== 'resolved' && s !== 'wont_fix');

export const statusLabel = (s: string): string => (STATUS_LABEL as Record<string, string>)[s] ?? s;
export const severityLabel = (s: string): string => (SEVERITY_LABEL as Record<string, string>)[s] ?? s;

/** 90 → "1h 30m", 480 → "1d" (8 h working days, as estimates are written). */
export function minutes(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  if (value < 60) return `${value}m`;
  if (value % 480 === 0) return `${value / 480}d`;
  const h = Math.floor(value / 60);
  const m = value % 60;
  return m ? `${h}h ${m}m` : `${h}h`;
}

export function hours(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  return `${Math.round(value * 10) / 10} h`;
}

export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

export function date(iso: string | null | undefined): string {
  if (!iso) return '–';
  return iso.slice(0, 10);
}

/** "3h ago", "2d ago": how long since a time, for SLA clocks and activity. */
export function age(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '–';
  const ms = now - new Date(iso).getTime();
  if (Number.isNaN(ms)) return '–';
  const future = ms < 0;
  const abs = Math.abs(ms);
  const h = abs / 3_600_000;
  const text = h < 1 ? `${Math.round(abs / 60_000)}m` : h < 48 ? `${Math.round(h)}h` : `${Math.round(h / 24)}d`;
  return future ? `in ${text}` : `${text} ago`;
}

export const percent = (part: number, whole: number): number => (whole > 0 ? Math.round((part / whole) * 100) : 0);
