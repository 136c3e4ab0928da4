// Reconciliation of one (tool, scope): what this run means for the findings and issues already
// stored. Pure: it returns a plan, the service applies it in one transaction. Every transition
// of SPEC §6 is decided here and nowhere else.
import type { GroupingPolicy, OverwriteField } from '../config/schema.js';
import type { FindingState, GroupIssue, StoredFinding } from '../domain/findings-port.js';
import { type Severity, type Status, severityRank } from '../domain/enums.js';
import { groupKeyOf, groupTitle } from './grouping.js';
import type { Finding } from './types.js';

export interface Incoming {
  finding: Finding;
  severity: Severity;
  severityReason: string;
  policy: GroupingPolicy;
  group: string;
}

export interface ReconcileInput {
  tool: string;
  scope: string;
  existing: StoredFinding[];
  issues: GroupIssue[];
  incoming: Incoming[];
  overwrite: readonly OverwriteField[];
}

/** Which issue a finding goes to: one that exists, or the n-th of `createIssues`. */
export type IssueRef = { id: number } | { create: number } | null;

export interface FindingInsert {
  /** The finding alone, not its Incoming: what grouped and rated it is done with once planned. */
  finding: Finding;
  state: FindingState;
  issue: IssueRef;
}

export interface FindingUpdate {
  id: number;
  state: FindingState;
  level: string | null;
  message: string;
  line: number | null;
  col: number | null;
  issue: IssueRef;
}

export interface IssueCreate {
  groupKey: string;
  title: string;
  severity: Severity;
  files: string[];
  description: string;
}

export type IssueChange = 'resolved' | 'reopened' | 'updated';

export interface IssueUpdate {
  id: number;
  key: string;
  version: number;
  change: IssueChange;
  before: Partial<Pick<GroupIssue, 'title' | 'severity' | 'status' | 'labels'>>;
  after: Partial<Pick<GroupIssue, 'title' | 'severity' | 'status' | 'labels'>>;
}

export interface IngestCounts {
  findings: number;
  new: number;
  unchanged: number;
  fixed: number;
  reopened: number;
  issuesCreated: number;
  issuesResolved: number;
  issuesReopened: number;
}

export interface Plan {
  tool: string;
  scope: string;
  inserts: FindingInsert[];
  updates: FindingUpdate[];
  fixes: number[];
  createIssues: IssueCreate[];
  updateIssues: IssueUpdate[];
  counts: IngestCounts;
}

export const REGRESSION_LABEL = 'regression';
const OPEN_STATUSES: readonly Status[] = ['backlog', 'planned', 'in_progress', 'blocked'];

export const isEmptyPlan = (plan: Plan): boolean =>
  plan.inserts.length === 0 && plan.updates.length === 0 && plan.fixes.length === 0 && plan.createIssues.length === 0 && plan.updateIssues.length === 0;

export function reconcile(input: ReconcileInput): Plan {
  const { tool, scope, overwrite } = input;
  const byFingerprint = new Map(input.existing.map((f) => [f.fingerprint, f]));
  const issuesById = new Map(input.issues.map((i) => [i.id, i]));
  const issueByGroupKey = new Map<string, GroupIssue>();
  for (const issue of input.issues) if (issue.groupKey !== null) issueByGroupKey.set(issue.groupKey, issue);

  // The open findings of each group this run: they name and rate the group's issue.
  const groups = new Map<string, Incoming[]>();
  for (const item of input.incoming) {
    if (item.finding.suppressed === true) continue;
    const list = groups.get(item.group);
    if (list === undefined) groups.set(item.group, [item]);
    else list.push(item);
  }

  const createIssues: IssueCreate[] = [];
  // One reference per group, shared by its findings (a million findings, a few thousand groups).
  const refFor = new Map<string, IssueRef>();
  const issueForGroup = (group: string): IssueRef => {
    let ref = refFor.get(group);
    if (ref !== undefined) return ref;
    const existing = issueByGroupKey.get(groupKeyOf(tool, scope, group));
    if (existing !== undefined) ref = { id: existing.id };
    else {
      ref = { create: createIssues.length };
      createIssues.push(newIssue(tool, scope, group, groups.get(group) ?? []));
    }
    refFor.set(group, ref);
    return ref;
  };

  const counts: IngestCounts = { findings: input.incoming.length, new: 0, unchanged: 0, fixed: 0, reopened: 0, issuesCreated: 0, issuesResolved: 0, issuesReopened: 0 };
  const inserts: FindingInsert[] = [];
  const updates: FindingUpdate[] = [];
  const fixes: number[] = [];
  /** Open findings per existing issue after this run, and issues that gained an open finding. */
  const openAfter = new Map<number, number>();
  const gainedOpen = new Set<number>();
  const seen = new Set<string>();
  const countOpen = (ref: IssueRef, state: FindingState, gained: boolean): void => {
    if (ref === null || !('id' in ref) || state !== 'open') return;
    openAfter.set(ref.id, (openAfter.get(ref.id) ?? 0) + 1);
    if (gained) gainedOpen.add(ref.id);
  };

  for (const item of input.incoming) {
    const { finding } = item;
    if (seen.has(finding.fingerprint)) continue; // a report listing one result twice
    seen.add(finding.fingerprint);
    const stored = byFingerprint.get(finding.fingerprint);
    const toolSuppressed = finding.suppressed === true;
    if (stored === undefined) {
      const state: FindingState = toolSuppressed ? 'suppressed' : 'open';
      const issue = state === 'open' ? issueForGroup(item.group) : null;
      inserts.push({ finding, state, issue });
      countOpen(issue, state, true);
      counts.new += 1;
      continue;
    }
    const reopened = stored.state === 'fixed';
    // Suppressed stays suppressed, whatever the tool says later: a person or the tool decided.
    const state: FindingState = stored.state === 'suppressed' || toolSuppressed ? 'suppressed' : 'open';
    const issueGone = stored.issueId === null || !issuesById.has(stored.issueId);
    const issue: IssueRef = !issueGone ? { id: stored.issueId as number } : state === 'open' ? issueForGroup(item.group) : null;
    if (reopened) counts.reopened += 1;
    else counts.unchanged += 1;
    countOpen(issue, state, reopened);
    const message = overwrite.includes('message') ? finding.message : stored.message;
    const changed =
      state !== stored.state ||
      finding.level !== stored.level ||
      message !== stored.message ||
      finding.line !== stored.line ||
      finding.col !== stored.col ||
      (issueGone && issue !== null);
    if (changed) updates.push({ id: stored.id, state, level: finding.level, message, line: finding.line, col: finding.col, issue });
  }

  for (const stored of input.existing) {
    if (stored.state !== 'open' || seen.has(stored.fingerprint)) continue;
    fixes.push(stored.id);
    counts.fixed += 1;
    if (stored.issueId !== null && !openAfter.has(stored.issueId)) openAfter.set(stored.issueId, 0);
  }

  const updateIssues: IssueUpdate[] = [];
  for (const issue of input.issues) {
    const open = openAfter.get(issue.id);
    if (open === undefined) continue; // no finding of this run touches it
    const before: IssueUpdate['before'] = {};
    const after: IssueUpdate['after'] = {};
    let change: IssueChange = 'updated';
    if (issue.status === 'resolved' && gainedOpen.has(issue.id)) {
      change = 'reopened';
      before.status = issue.status;
      after.status = 'backlog';
      if (!issue.labels.includes(REGRESSION_LABEL)) {
        before.labels = issue.labels;
        after.labels = [...issue.labels, REGRESSION_LABEL];
      }
    } else if (OPEN_STATUSES.includes(issue.status) && open === 0) {
      change = 'resolved';
      before.status = issue.status;
      after.status = 'resolved';
    }
    const groupItems = issue.groupKey !== null ? groups.get(groupOfKey(issue.groupKey, tool, scope)) : undefined;
    if (open > 0 && groupItems !== undefined && groupItems.length > 0) {
      const mayWrite = (field: OverwriteField): boolean => overwrite.includes(field) && !issue.manualFields.includes(field);
      const title = titleFor(tool, groupItems);
      if (mayWrite('title') && title !== issue.title) {
        before.title = issue.title;
        after.title = title;
      }
      const severity = worst(groupItems);
      if (mayWrite('severity') && severity !== issue.severity) {
        before.severity = issue.severity;
        after.severity = severity;
      }
    }
    if (Object.keys(after).length === 0) continue;
    if (change === 'resolved') counts.issuesResolved += 1;
    if (change === 'reopened') counts.issuesReopened += 1;
    updateIssues.push({ id: issue.id, key: issue.key, version: issue.version, change, before, after });
  }
  counts.issuesCreated = createIssues.length;
  return { tool, scope, inserts, updates, fixes, createIssues, updateIssues, counts };
}

/**
 * An issue update whose issue changed since the plan read it (another writer committed in
 * between): only the fields that person left as the plan saw them, and that are not marked as
 * edited by hand, are still the ingest's to change; the rest keep the person's edit. A reopening
 * whose status was edited keeps neither the status nor the regression label. Null: nothing left.
 */
export function rebaseIssueUpdate(update: IssueUpdate, current: Pick<GroupIssue, 'title' | 'severity' | 'status' | 'labels' | 'manualFields' | 'version'>): IssueUpdate | null {
  const before: IssueUpdate['before'] = {};
  const after: IssueUpdate['after'] = {};
  const untouched = (field: keyof IssueUpdate['after']): boolean =>
    !current.manualFields.includes(field) && JSON.stringify(current[field]) === JSON.stringify(update.before[field]);
  if (update.after.status !== undefined && untouched('status')) {
    before.status = current.status;
    after.status = update.after.status;
  }
  const reopening = update.change === 'reopened' && after.status !== undefined;
  if (update.after.labels !== undefined && untouched('labels') && (update.change !== 'reopened' || reopening)) {
    before.labels = current.labels;
    after.labels = update.after.labels;
  }
  if (update.after.title !== undefined && untouched('title')) {
    before.title = current.title;
    after.title = update.after.title;
  }
  if (update.after.severity !== undefined && untouched('severity')) {
    before.severity = current.severity;
    after.severity = update.after.severity;
  }
  if (Object.keys(after).length === 0) return null;
  const change: IssueChange = after.status !== undefined ? update.change : 'updated';
  return { ...update, version: current.version, change, before, after };
}

const groupOfKey = (groupKey: string, tool: string, scope: string): string => groupKey.slice(groupKeyOf(tool, scope, '').length);

const worst = (items: Incoming[]): Severity =>
  items.reduce<Severity>((acc, i) => (severityRank(i.severity) < severityRank(acc) ? i.severity : acc), 'minor');

const titleFor = (tool: string, items: Incoming[]): string =>
  groupTitle({ tool, policy: items[0]?.policy ?? 'finding', findings: items.map((i) => i.finding) });

function newIssue(tool: string, scope: string, group: string, items: Incoming[]): IssueCreate {
  const files = [...new Set(items.map((i) => i.finding.file).filter((f): f is string => f !== null))].slice(0, 1_000);
  const first = items[0]?.finding;
  const rule = first?.rule !== null && first?.rule !== undefined ? ` (rule ${first.rule})` : '';
  return {
    groupKey: groupKeyOf(tool, scope, group),
    title: titleFor(tool, items),
    severity: worst(items),
    files,
    description: `Found by ${tool}${rule}${scope === 'default' ? '' : ` in scope ${scope}`}. Its findings are reconciled on every ingest; \`punchlist ingest --explain KEY\` shows them.`,
  };
}

/** "creates 12 issues, fixes 46 findings and resolves 3 issues, reopens 2" */
export function describePlan(counts: IngestCounts): string {
  const n = (value: number, word: string) => `${value} ${word}${value === 1 ? '' : 's'}`;
  const parts = [
    `${n(counts.findings, 'finding')} (${counts.new} new, ${counts.unchanged} unchanged, ${counts.reopened} reopened)`,
    `creates ${n(counts.issuesCreated, 'issue')}`,
    `fixes ${n(counts.fixed, 'finding')} and resolves ${n(counts.issuesResolved, 'issue')}`,
    `reopens ${counts.issuesReopened}`,
  ];
  return parts.join(', ');
}
