// The times a status change stamps. Its own module so the issue commands do not load the
// document service (and through it the CEL rule compiler) to move one issue.
import type { Issue, IssueFields } from '../domain/model.js';

/** Moving to in progress or resolved stamps the time, as the issue commands do. */
export function statusTimes(current: Pick<Issue, 'startedAt' | 'resolvedAt'>, patch: Partial<IssueFields>, at = new Date().toISOString()): Partial<IssueFields> {
  const times: Partial<IssueFields> = {};
  if (patch.status === undefined) return times;
  if (patch.status === 'in_progress' && !current.startedAt && patch.startedAt === undefined) times.startedAt = at;
  if ((patch.status === 'resolved' || patch.status === 'wont_fix') && !current.resolvedAt && patch.resolvedAt === undefined) times.resolvedAt = at;
  if (patch.status !== 'resolved' && patch.status !== 'wont_fix' && current.resolvedAt && patch.resolvedAt === undefined) times.resolvedAt = null;
  return times;
}
