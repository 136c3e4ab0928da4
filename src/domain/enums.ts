// The closed vocabularies of the domain. Order matters: it is the display and sort order.
export const SEVERITIES = ['critical', 'major', 'medium', 'minor'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const STATUSES = ['backlog', 'planned', 'in_progress', 'blocked', 'resolved', 'wont_fix'] as const;
export type Status = (typeof STATUSES)[number];

/** Statuses that count as "closed" for every count, rule and report. */
export const CLOSED_STATUSES: readonly Status[] = ['resolved', 'wont_fix'];
export const isOpenStatus = (status: Status): boolean => !CLOSED_STATUSES.includes(status);

export const PHASE_STATES = ['active', 'next', 'planned', 'done'] as const;
export type PhaseState = (typeof PHASE_STATES)[number];

export const COMPARATORS = ['>=', '<=', '==', '>', '<'] as const;
export type Comparator = (typeof COMPARATORS)[number];

export const SEVERITY_LABEL: Record<Severity, string> = {
  critical: 'Critical',
  major: 'Major',
  medium: 'Medium',
  minor: 'Minor',
};

export const SEVERITY_PRIORITY: Record<Severity, number> = { critical: 1, major: 2, medium: 3, minor: 4 };

export const STATUS_LABEL: Record<Status, string> = {
  backlog: 'BACKLOG',
  planned: 'PLANNED',
  in_progress: 'IN PROGRESS',
  blocked: 'BLOCKED',
  resolved: 'RESOLVED',
  wont_fix: "WON'T FIX",
};

export const severityRank = (s: Severity): number => SEVERITIES.indexOf(s);
