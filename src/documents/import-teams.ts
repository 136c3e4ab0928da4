// Teams: `- **Platform Lead**: focus` bullets under a team/assignment heading, with an optional
// capacity in the name (`**Data Team (40h/week)**`) and members after the focus.
import { LIMITS } from '../domain/limits.js';
import type { ImportState } from './import-context.js';
import { splitContacts } from './import-escalation.js';
import type { InlineLine } from './inline.js';

export function addTeam(state: ImportState, line: InlineLine): void {
  const capacity = /^(.*?)\s*\((\d+(?:\.\d+)?)\s*h(?:ours?|rs?)?\s*(?:\/|per)\s*(?:w|wk|week)\)\s*$/i.exec(line.label!);
  const name = (capacity ? capacity[1]! : line.label!).slice(0, LIMITS.ownerLength);
  const members = /\s*\(members?:\s*([^()]*)\)\s*$/i.exec(line.value);
  const focus = members ? line.value.slice(0, members.index).trim() : line.value;
  state.teams.push({
    name,
    focus: focus === '' ? null : focus.slice(0, 2_000),
    members: members ? splitContacts(members[1]!) : [],
    capacityHours: capacity ? Number(capacity[2]) : null,
  });
}

/** Checklists are titled by their heading and filed under the heading above it. */
