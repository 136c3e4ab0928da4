// The escalation policy of a project: the document's levels with what punchlist.yaml adds to
// them (same level number: the file's fields win; new numbers: new levels), the calendar that
// business-hours windows count on, and how the clock starts and pauses. Pure.
import { createHash } from 'node:crypto';
import type { EscalationDoc } from '../domain/document.js';
import type { Severity } from '../domain/enums.js';
import { canonicalJson } from '../rules/canonical-json.js';
import type { Calendar } from './calendar.js';
import type { Measure } from './clock.js';

export type Level = EscalationDoc;

export interface Policy {
  levels: Level[];
  calendar: Calendar;
  pauseWhileBlocked: boolean;
  clockStart: 'created' | 'due';
}

/** What punchlist.yaml may say about one level: every field optional. */
export interface LevelOverride {
  level: number;
  after?: number | undefined;
  businessHours?: boolean | undefined;
  scope?: string | undefined;
  severities?: Severity[] | undefined;
  phases?: string[] | undefined;
  labels?: string[] | undefined;
  owners?: string[] | undefined;
  contacts?: string[] | undefined;
  channels?: string[] | undefined;
  repeat?: number | undefined;
  resolution?: string | undefined;
}

export interface PolicyDefaults {
  businessHours: boolean;
  defaultChannels: readonly string[];
}

const blank = (level: number): Level => ({
  level,
  afterMinutes: null,
  scope: null,
  severities: [],
  contacts: [],
  resolution: null,
  businessHours: false,
  phases: [],
  labels: [],
  owners: [],
  channels: [],
  repeatMinutes: null,
});

/** The levels in force: the document's, with punchlist.yaml's fields over them, by level number. */
export function effectiveLevels(documentLevels: readonly Level[], overrides: readonly LevelOverride[], defaults: PolicyDefaults): Level[] {
  const byLevel = new Map<number, Level>();
  for (const l of documentLevels) byLevel.set(l.level, { ...l, businessHours: l.businessHours || defaults.businessHours });
  for (const o of overrides) {
    const base = byLevel.get(o.level) ?? { ...blank(o.level), businessHours: defaults.businessHours };
    byLevel.set(o.level, {
      ...base,
      ...(o.after !== undefined ? { afterMinutes: o.after } : {}),
      ...(o.businessHours !== undefined ? { businessHours: o.businessHours } : {}),
      ...(o.scope !== undefined ? { scope: o.scope } : {}),
      ...(o.severities !== undefined ? { severities: o.severities } : {}),
      ...(o.phases !== undefined ? { phases: o.phases } : {}),
      ...(o.labels !== undefined ? { labels: o.labels } : {}),
      ...(o.owners !== undefined ? { owners: o.owners } : {}),
      ...(o.contacts !== undefined ? { contacts: o.contacts } : {}),
      ...(o.channels !== undefined ? { channels: o.channels } : {}),
      ...(o.repeat !== undefined ? { repeatMinutes: o.repeat } : {}),
      ...(o.resolution !== undefined ? { resolution: o.resolution } : {}),
    });
  }
  return [...byLevel.values()]
    .map((l) => (l.channels.length === 0 ? { ...l, channels: [...defaults.defaultChannels] } : l))
    .sort((a, b) => a.level - b.level);
}

export function measureOf(level: Level, policy: Policy): Measure {
  return level.businessHours ? { kind: 'business', calendar: policy.calendar } : { kind: 'wall' };
}

/** Changes whenever anything that decides a deadline changes: then every clock is recomputed. */
export function policyHash(policy: Policy): string {
  const { calendar, ...rest } = policy;
  const spelled = canonicalJson({
    ...rest,
    levels: rest.levels.map((l) => ({ ...l, contacts: [], channels: [], resolution: null, scope: null })),
    calendar: { ...calendar, holidays: [...calendar.holidays].sort() },
  });
  return createHash('sha256').update(spelled, 'utf8').digest('hex');
}

export interface ScopeFacts {
  severity: Severity;
  phase: string | null;
  labels: readonly string[];
  owner: string | null;
}

const lower = (s: string): string => s.toLowerCase();

/** An empty list in a level's scope matches anything; a filled one must match. */
export function inScope(level: Level, issue: ScopeFacts): boolean {
  if (level.severities.length > 0 && !level.severities.includes(issue.severity)) return false;
  if (level.phases.length > 0 && (issue.phase === null || !level.phases.includes(issue.phase))) return false;
  if (level.labels.length > 0 && !issue.labels.some((l) => level.labels.map(lower).includes(lower(l)))) return false;
  if (level.owners.length > 0 && (issue.owner === null || !level.owners.map(lower).includes(lower(issue.owner)))) return false;
  return true;
}
