// Escalation: `Level 1 (4 hours): Release blockers` with `Contact:` / `Resolution:` bullets, and the
// plain numbered path (`1. **Platform Lead**: any blocker older than a day`) without windows.
import { type EscalationDoc, LEVEL_POLICY_DEFAULTS } from '../domain/document.js';
import { SEVERITIES, type Severity } from '../domain/enums.js';
import { LIMITS } from '../domain/limits.js';
import type { ImportState } from './import-context.js';

const LEVEL = /^level\s*(\d{1,2})\b\s*(?:\(([^()]*)\))?\s*[:.\-–—]?\s*(.*)$/i;

// Escalation windows are wall-clock time unless the text says business or working time: a day
// is then 24 hours and a week 7 days. "24 business hours", "within 2 business days", "4 working
// hours" count working time on the project's calendar instead; a business day is 8 working hours
// and a business week 5 business days (the model keeps working minutes).
const WINDOW_UNITS: ReadonlyArray<[RegExp, number, number]> = [
  // [unit, wall-clock minutes, working minutes]
  [/^(m|min|mins|minutes?)$/, 1, 1],
  [/^(h|hr|hrs|hours?)$/, 60, 60],
  [/^(d|days?)$/, 1_440, 480],
  [/^(w|wk|wks|weeks?)$/, 10_080, 2_400],
];

const BUSINESS = /\b(business|working|work|office)\b/i;
// "within 2 business days", "up to 4 working hours", "24h (business hours)", "1 week".
const WINDOW = /^(?:within|after|in|up to|max(?:imum)?|<=?|≤)?\s*(\d+(?:\.\d+)?)\s*(?:(business|working|work|office)[\s-]+)?([a-z]+)\b\s*(.*)$/i;

export interface LevelWindow {
  minutes: number;
  business: boolean;
}

/** A level's window as written: its minutes and whether they are working time; null when it is no window. */
export function readWindow(text: string): LevelWindow | null {
  const m = WINDOW.exec(text.trim());
  if (!m) return null;
  const unit = WINDOW_UNITS.find(([re]) => re.test(m[3]!.toLowerCase()));
  if (!unit) return null;
  const rest = m[4]!.replace(/^[\s,;(]+|[\s)]+$/g, '');
  // After the unit only a word about the kind of time may follow: "(business hours)", "of working time", "wall-clock".
  if (rest !== '' && !/^(?:of\s+)?(?:business|working|work|office)(?:\s+(?:hours|time|days))?$|^(?:wall[\s-]?clock|calendar)(?:\s+time)?$/i.test(rest)) return null;
  const business = m[2] !== undefined || BUSINESS.test(rest);
  return { minutes: Math.round(Number(m[1]) * (business ? unit[2] : unit[1])), business };
}

export function parseWindow(text: string): number | null {
  return readWindow(text)?.minutes ?? null;
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** A level's window as the importer reads it back: working time in business hours. */
export function formatLevelWindow(minutes: number, business: boolean): string {
  if (!business) return formatWindow(minutes);
  return minutes > 0 && minutes % 60 === 0 ? plural(minutes / 60, 'business hour') : plural(minutes, 'business minute');
}

export function formatWindow(minutes: number): string {
  if (minutes > 0 && minutes % 10_080 === 0) return plural(minutes / 10_080, 'week');
  if (minutes >= 2_880 && minutes % 1_440 === 0) return plural(minutes / 1_440, 'day');
  if (minutes > 0 && minutes % 60 === 0) return plural(minutes / 60, 'hour');
  return plural(minutes, 'minute');
}

export function isLevelText(text: string): boolean {
  return LEVEL.test(text.trim());
}

/** Reads `Level N (window): scope`; null when the text is no level line. */
export function readLevel(text: string): EscalationDoc | null {
  const m = LEVEL.exec(text.trim());
  if (!m) return null;
  const level = Number(m[1]);
  if (level < 1 || level > 100) return null;
  const window = m[2] === undefined ? null : readWindow(m[2]);
  const scope = m[3]!.trim() || null;
  return {
    level,
    afterMinutes: window?.minutes ?? null,
    scope: scope?.slice(0, 2_000) ?? null,
    severities: severitiesIn(scope ?? ''),
    contacts: [],
    resolution: null,
    ...policyDefaults(),
    businessHours: window?.business ?? false,
  };
}

/** A Markdown matrix says nothing of channels or repeats: punchlist.yaml does. */
export const policyDefaults = (): Pick<EscalationDoc, keyof typeof LEVEL_POLICY_DEFAULTS> => ({
  ...LEVEL_POLICY_DEFAULTS,
  phases: [],
  labels: [],
  owners: [],
  channels: [],
});

const SEVERITY_WORDS: ReadonlyArray<[RegExp, Severity]> = [
  [/\b(critical|blockers?|p1|priority 1|showstoppers?)\b/i, 'critical'],
  [/\b(major|high|p2|priority 2)\b/i, 'major'],
  [/\b(medium|moderate|p3|priority 3)\b/i, 'medium'],
  [/\b(minor|low|p4|priority 4)\b/i, 'minor'],
];

export function severitiesIn(text: string): Severity[] {
  const found = SEVERITY_WORDS.filter(([re]) => re.test(text)).map(([, s]) => s);
  return SEVERITIES.filter((s) => found.includes(s));
}

export function splitContacts(text: string): string[] {
  return text
    .split(/\s*[+,;]\s*|\s+&\s+/)
    .map((c) => c.trim())
    .filter((c) => c !== '')
    .map((c) => c.slice(0, LIMITS.ownerLength));
}

export function addLevel(state: ImportState, level: EscalationDoc): EscalationDoc {
  const existing = state.escalation.findIndex((e) => e.level === level.level);
  if (existing >= 0) {
    state.warnings.push(`escalation level ${level.level} appears twice; the later one is kept`);
    state.escalation.splice(existing, 1);
  }
  state.escalation.push(level);
  return level;
}
