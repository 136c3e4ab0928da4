// The escalation state the reports show: per level, the open issues in breach, escalated and
// acknowledged now (the audit's escalation section); and the breaches and escalations of one day
// in the project's time zone (the standup). Read from what the sweeps recorded, by index.
import { projectTimeZone } from '../domain/dates.js';
import type { DayEscalation, EscalationView, SlaDay, SlaLive } from '../domain/escalation-port.js';
import type { Project } from '../domain/model.js';
import type { StoreSession } from '../domain/ports.js';
import { slaLevelStates } from '../escalation/live.js';
import { zonedInstant } from '../escalation/zoned-time.js';
import { addDays } from '../rules/dates.js';

export async function loadSlaLive(session: StoreSession, project: Pick<Project, 'id'>, documentLevels: readonly { level: number }[]): Promise<SlaLive> {
  const breaches = await session.escalations.breaches(project.id);
  return { swept: breaches !== null, levels: slaLevelStates(documentLevels.map((l) => l.level), breaches ?? []) };
}

/** Midnight at the start of a day in the project's time zone, as an ISO instant. */
const startOf = (day: string): string => new Date(zonedInstant(day, 0, projectTimeZone())).toISOString();

const DAY_LIMIT = 1_000;

export async function loadSlaDay(session: StoreSession, project: Pick<Project, 'id'>, day: string): Promise<SlaDay> {
  const rows = await session.escalations.list(project.id, { since: startOf(day), until: startOf(addDays(day, 1)), limit: DAY_LIMIT });
  const fired = rows.map(dayEscalation).sort((a, b) => a.firedAt.localeCompare(b.firedAt) || a.issue.localeCompare(b.issue) || a.level - b.level || a.repeat - b.repeat);
  return { date: day, breaches: fired.filter((e) => e.repeat === 0), fired };
}

const dayEscalation = (e: EscalationView): DayEscalation => ({
  issue: e.issueKey,
  severity: e.severity,
  title: e.title,
  level: e.level,
  repeat: e.repeat,
  dueAt: e.dueAt,
  firedAt: e.firedAt,
  acknowledged: e.ackedAt !== null,
});
