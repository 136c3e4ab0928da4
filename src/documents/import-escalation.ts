// Escalation: `Level 1 (4 hours): Release blockers` with `Contact:` / `Resolution:` bullets, and the
// plain numbered path (`1. **Platform Lead**: any blocker older than a day`) without windows.
import { type EscalationDoc, LEVEL_POLICY_DEFAULTS } from '../domain/document.js';
import { SEVERITIES, type Severity } from '../domain/enums.js';
import { LIMITS } from '../domain/limits.js';
import type { ImportState } from './import-context.js';

const LEVEL = /^level\s*(\d{1,2})\b\s*(?:\(([^()]*)\))?\s*[:.\-–—]?\s*(.*)$/i;

// Escalation windows are wall-clock time: a day is 24 hours here, not a working day.
const WINDOW_UNITS: ReadonlyArray<[RegExp, number]> = [
  [/^(m|min|mins|minutes?)$/, 1],
  [/^(h|hr|hrs|hours?)$/, 60],
  [/^(d|days?)$/, 1_440],
  [/^(w|wk|wks|weeks?)$/, 10_080],
];

export function parseWindow(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]+)$/i.exec(text.trim());
  if (!m) return null;
  const unit = WINDOW_UNITS.find(([re]) => re.test(m[2]!.toLowerCase()));
  return unit ? Math.round(Number(m[1]) * unit[1]) : null;
}

export function formatWindow(minutes: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
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
  const window = m[2] === undefined ? null : parseWindow(m[2]);
  const scope = m[3]!.trim() || null;
  return {
    level,
    afterMinutes: window,
    scope: scope?.slice(0, 2_000) ?? null,
    severities: severitiesIn(scope ?? ''),
    contacts: [],
    resolution: null,
    ...policyDefaults(),
  };
}

/** A Markdown matrix says nothing of channels, repeats or business hours: punchlist.yaml does. */
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
