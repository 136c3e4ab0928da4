import { describe, expect, it } from 'vitest';
import type { Severity } from '../domain/enums.js';
import { groupKeyOf } from './grouping.js';
import type { GroupIssue, StoredFinding } from '../domain/findings-port.js';
import { describePlan, type Incoming, isEmptyPlan, type IssueUpdate, rebaseIssueUpdate, type ReconcileInput, reconcile } from './reconcile.js';

const group = 'rule+dir:no-unused-vars:src/';
const buildIncoming = (fp: string, over: Partial<Incoming['finding']> = {}, severity: Severity = 'major'): Incoming => ({
  finding: { fingerprint: fp, rule: 'no-unused-vars', level: 'error', message: `'${fp}' is unused`, file: 'src/a.js', line: 1, col: 1, ...over },
  severity,
  severityReason: 'default',
  policy: 'rule+dir',
  group,
});
const buildStored = (fp: string, over: Partial<StoredFinding> = {}): StoredFinding => ({
  id: Number(fp.replace(/\D/g, '')) || 1, fingerprint: fp, state: 'open', issueId: 10,
  rule: 'no-unused-vars', level: 'error', message: `'${fp}' is unused`, file: 'src/a.js', line: 1, col: 1, ...over,
});
const buildIssue = (over: Partial<GroupIssue> = {}): GroupIssue => ({
  id: 10, key: 'P-1', title: '2 × no-unused-vars in src/', severity: 'major', status: 'backlog', labels: [],
  manualFields: [], groupKey: groupKeyOf('eslint', 'default', group), resolvedAt: null, version: 1, ...over,
});
const run = (over: Partial<ReconcileInput>) =>
  reconcile({ tool: 'eslint', scope: 'default', existing: [], issues: [], incoming: [], overwrite: ['title', 'severity', 'message'], ...over });

describe('reconcile', () => {
  it('new findings create one issue per group, titled with count and place', () => {
    const plan = run({ incoming: [buildIncoming('f1'), buildIncoming('f2', { line: 9 })] });
    expect(plan.counts).toMatchObject({ findings: 2, new: 2, issuesCreated: 1 });
    expect(plan.createIssues[0]).toMatchObject({ title: '2 × no-unused-vars in src/', severity: 'major', files: ['src/a.js'] });
    expect(plan.inserts.map((i) => i.issue)).toEqual([{ create: 0 }, { create: 0 }]);
  });

  it('an unchanged re-run plans nothing at all', () => {
    const plan = run({ existing: [buildStored('f1'), buildStored('f2', { id: 2 })], issues: [buildIssue()], incoming: [buildIncoming('f1'), buildIncoming('f2')] });
    expect(isEmptyPlan(plan)).toBe(true);
    expect(plan.counts).toMatchObject({ findings: 2, unchanged: 2, new: 0, fixed: 0 });
  });

  it('a moved finding is unchanged, its new line recorded', () => {
    const plan = run({ existing: [buildStored('f1'), buildStored('f2', { id: 2 })], issues: [buildIssue()], incoming: [buildIncoming('f1', { line: 4 }), buildIncoming('f2', { line: 4 })] });
    expect(plan.counts).toMatchObject({ new: 0, unchanged: 2, fixed: 0 });
    expect(plan.updates.map((u) => u.line)).toEqual([4, 4]);
    expect(plan.updateIssues).toEqual([]);
  });

  it('absent findings are fixed; an issue with none left open resolves', () => {
    const plan = run({ existing: [buildStored('f1'), buildStored('f2', { id: 2 })], issues: [buildIssue()], incoming: [] });
    expect(plan.fixes).toEqual([1, 2]);
    expect(plan.updateIssues).toEqual([{ id: 10, key: 'P-1', version: 1, change: 'resolved', before: { status: 'backlog' }, after: { status: 'resolved' } }]);
    expect(plan.counts).toMatchObject({ fixed: 2, issuesResolved: 1 });
  });

  it('one fix of two retitles the issue and keeps it open', () => {
    const plan = run({ existing: [buildStored('f1'), buildStored('f2', { id: 2 })], issues: [buildIssue()], incoming: [buildIncoming('f1')] });
    expect(plan.fixes).toEqual([2]);
    expect(plan.updateIssues[0]).toMatchObject({ change: 'updated', after: { title: "no-unused-vars in src/a.js: 'f1' is unused" } });
  });

  it('a fixed finding coming back reopens its resolved issue as a regression', () => {
    const plan = run({ existing: [buildStored('f1', { state: 'fixed' })], issues: [buildIssue({ status: 'resolved', title: "no-unused-vars in src/a.js: 'f1' is unused" })], incoming: [buildIncoming('f1')] });
    expect(plan.counts).toMatchObject({ reopened: 1, issuesReopened: 1, unchanged: 0 });
    expect(plan.updates[0]).toMatchObject({ id: 1, state: 'open' });
    expect(plan.updateIssues[0]).toMatchObject({ change: 'reopened', after: { status: 'backlog', labels: ['regression'] } });
  });

  it("people's edits survive: manual title and severity are not overwritten", () => {
    const issue = buildIssue({ title: 'Clean up handlers', severity: 'minor', manualFields: ['title', 'severity', 'owner'] });
    const plan = run({ existing: [buildStored('f1')], issues: [issue], incoming: [buildIncoming('f1', {}, 'critical'), buildIncoming('f3')] });
    expect(plan.updateIssues).toEqual([]);
    expect(plan.inserts[0]?.issue).toEqual({ id: 10 });
  });

  it('the overwrite policy limits what a re-ingest may change', () => {
    const plan = run({ overwrite: [], existing: [buildStored('f1', { message: 'old text' })], issues: [buildIssue({ severity: 'minor' })], incoming: [buildIncoming('f1', {}, 'critical')] });
    expect(plan.updates).toEqual([]);
    expect(plan.updateIssues).toEqual([]);
    const allowed = run({ overwrite: ['severity', 'message'], existing: [buildStored('f1', { message: 'old text' })], issues: [buildIssue({ severity: 'minor' })], incoming: [buildIncoming('f1', {}, 'critical')] });
    expect(allowed.updates[0]?.message).toBe("'f1' is unused");
    expect(allowed.updateIssues[0]?.after).toEqual({ severity: 'critical' });
  });

  it('suppressed stays suppressed, present or absent, and opens no issue', () => {
    const plan = run({ existing: [buildStored('f1', { state: 'suppressed' }), buildStored('f2', { id: 2, state: 'suppressed' })], issues: [], incoming: [buildIncoming('f1')] });
    expect(isEmptyPlan(plan)).toBe(true);
    const fromTool = run({ incoming: [buildIncoming('f1', { suppressed: true })] });
    expect(fromTool.inserts[0]).toMatchObject({ state: 'suppressed', issue: null });
    expect(fromTool.createIssues).toEqual([]);
  });

  it("a won't-fix issue is neither resolved nor reopened", () => {
    const wontFix = buildIssue({ status: 'wont_fix' });
    expect(run({ existing: [buildStored('f1')], issues: [wontFix], incoming: [] }).updateIssues).toEqual([]);
    const back = run({ existing: [buildStored('f1', { state: 'fixed' })], issues: [wontFix], incoming: [buildIncoming('f1')] });
    expect(back.updateIssues.map((u) => u.after.status)).toEqual([undefined]);
    expect(back.counts.issuesReopened).toBe(0);
  });

  it('a finding whose issue was deleted joins its group again', () => {
    const plan = run({ existing: [buildStored('f1', { issueId: null })], incoming: [buildIncoming('f1')] });
    expect(plan.createIssues).toHaveLength(1);
    expect(plan.updates[0]?.issue).toEqual({ create: 0 });
  });

  it('says what it will do in one line', () => {
    const plan = run({ incoming: [buildIncoming('f1')] });
    expect(describePlan(plan.counts)).toBe('1 finding (1 new, 0 unchanged, 0 reopened), creates 1 issue, fixes 0 findings and resolves 0 issues, reopens 0');
  });
});

describe('rebaseIssueUpdate: an update whose issue another writer changed meanwhile', () => {
  const reopen: IssueUpdate = { id: 10, key: 'P-1', version: 3, change: 'reopened', before: { status: 'resolved', labels: [], title: 'old' }, after: { status: 'backlog', labels: ['regression'], title: 'new' } };
  const current = { title: 'old', severity: 'major' as const, status: 'resolved' as const, labels: [], manualFields: [], version: 4 };

  it('keeps every field the person left as the plan saw it, at the new version', () => {
    expect(rebaseIssueUpdate(reopen, current)).toEqual({ ...reopen, version: 4 });
  });
  it('skips what the person changed: a status edit takes the reopening and its label with it', () => {
    expect(rebaseIssueUpdate(reopen, { ...current, status: 'wont_fix' })).toEqual({ ...reopen, version: 4, change: 'updated', before: { title: 'old' }, after: { title: 'new' } });
  });
  it('skips fields marked as edited by hand, and gives up when nothing is left', () => {
    expect(rebaseIssueUpdate(reopen, { ...current, title: 'mine', status: 'in_progress' })).toBeNull();
    expect(rebaseIssueUpdate({ ...reopen, change: 'updated', before: { title: 'old' }, after: { title: 'new' } }, { ...current, manualFields: ['title'] })).toBeNull();
  });
});
