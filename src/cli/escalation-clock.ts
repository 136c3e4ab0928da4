// The escalation clock of one issue as `issue show` prints it: per level, time left or overdue.
import { loadConfig } from '../config/load.js';
import { isPunchlistError } from '../domain/errors.js';
import type { Project } from '../domain/model.js';
import type { StoreSession } from '../domain/ports.js';
import { formatMinutes } from '../escalation/duration.js';
import { type IssueClocks, issueClocks } from '../services/escalation.js';
import type { Output } from './output.js';

export async function clockOf(session: StoreSession, project: Project, key: string, out: Output): Promise<IssueClocks | null> {
  try {
    const { config } = loadConfig(process.cwd());
    return await issueClocks(session, project, key, { escalation: config.escalation, calendar: config.calendar, timezone: config.timezone });
  } catch (error) {
    // A broken punchlist.yaml must not hide the issue itself: say so and show the rest.
    if (!isPunchlistError(error)) throw error;
    out.warn(`punchlist: escalation clock not shown: ${error.message}`);
    return null;
  }
}

export function clockLines(c: IssueClocks | null): string[] {
  if (c === null || c.clocks.length === 0) return [];
  return [
    '',
    'Escalation clock:',
    ...c.clocks.map((l) => {
      const how = `${formatMinutes(l.afterMinutes)}, ${l.businessHours ? 'business hours' : 'wall clock'}`;
      const state = l.breached ? `overdue ${formatMinutes(-l.leftMinutes)} (breached ${l.breachAt})` : `${formatMinutes(l.leftMinutes)} left${l.breachAt ? ` (breaches ${l.breachAt})` : ''}`;
      const fired = c.escalations.filter((e) => e.level === l.level);
      const notes = [
        l.paused ? 'paused while blocked' : '',
        fired.length ? `escalated${fired.length > 1 ? ` ${fired.length}×` : ''}` : '',
        l.acknowledged ? 'acknowledged' : '',
      ].filter(Boolean);
      return `  level ${l.level} (${how}): ${state}${notes.length ? `; ${notes.join(', ')}` : ''}`;
    }),
  ];
}
