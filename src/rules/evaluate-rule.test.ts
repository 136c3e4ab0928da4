import { describe, expect, it } from 'vitest';
import type { Severity, Status } from '../domain/enums.js';
import { type IssueFact, type LatestMetrics, buildRuleContext } from './context.js';
import { compileRule } from './compile.js';
import { evaluateItem, evaluateRule } from './evaluate-rule.js';
import { evaluateGate, gateJson } from './gate.js';

const issue = (key: string, severity: Severity, status: Status = 'backlog', extra: Partial<IssueFact> = {}): IssueFact => ({
  key,
  severity,
  status,
  phase: null,
  labels: [],
  resolvedAt: null,
  ...extra,
});

const ISSUES = [
  issue('C001', 'critical'),
  issue('C002', 'critical', 'resolved'),
  issue('C003', 'critical', 'in_progress', { phase: 'p1' }),
  issue('M001', 'major', 'wont_fix'),
  issue('M002', 'major', 'blocked', { labels: ['security'] }),
  issue('N001', 'minor', 'resolved', { phase: 'p1' }),
];
const METRICS: LatestMetrics = {
  tests: [{ scope: 'default', failed: 2, passed: 118, skipped: 1, total: 121, at: '2026-11-21T10:00:00.000Z' }],
  coverage: [{ scope: 'default', lines: 82.5, branches: 70, functions: null, statements: 80, at: '2026-11-21T10:00:00.000Z', counts: {} }],
  failures: [],
};
const ctx = buildRuleContext(ISSUES, METRICS, [
  { key: 'ci_success_rate', value: 91, at: '2026-11-20T00:00:00.000Z' },
  { key: 'ci_success_rate', value: 97, at: '2026-11-21T00:00:00.000Z' },
]);
const NO_METRICS: LatestMetrics = { tests: [], coverage: [], failures: [] };
const empty = buildRuleContext([], NO_METRICS, []);

describe('issues functions', () => {
  it('counts open issues by severity and names them', () => {
    expect(evaluateRule('issues.open(["critical", "major"]) == 0', ctx)).toMatchObject({
      status: 'fail',
      reason: '3 open critical/major: C001, C003, M002',
    });
    expect(evaluateRule('issues.open() == 3', ctx).status).toBe('pass');
    expect(evaluateRule('issues.open(["minor"]) == 0', ctx)).toMatchObject({ status: 'pass', reason: '0 open minor' });
  });
  it('counts resolved and total', () => {
    expect(evaluateRule('issues.resolved() == 2', ctx).status).toBe('pass');
    expect(evaluateRule('issues.resolved(["critical"]) == 1', ctx).status).toBe('pass');
    expect(evaluateRule('issues.total() == 6 && issues.total(["major"]) == 2', ctx).status).toBe('pass');
  });
  it('counts by status, phase and label', () => {
    expect(evaluateRule('issues.count({"status": "blocked"}) == 1', ctx).status).toBe('pass');
    expect(evaluateRule('issues.count({"phase": "p1", "open": true}) == 0', ctx)).toMatchObject({
      status: 'fail',
      reason: '1 matching phase=p1, open=true: C003',
    });
    expect(evaluateRule('issues.count({"label": ["security"], "severity": "major"}) == 1', ctx).status).toBe('pass');
  });
  it('evaluates computed arguments too', () => {
    expect(evaluateRule('["minor", "medium"].all(s, issues.open([s]) == 0)', ctx).status).toBe('pass');
    expect(evaluateRule('["critical"].exists(s, issues.open([s]) > 1)', ctx).status).toBe('pass');
  });
  it('passes on an empty register that tool output has fed (a clean run), or a context built without register facts', () => {
    expect(evaluateRule('issues.open() == 0', empty).status).toBe('pass');
    const fed = buildRuleContext([], { ...NO_METRICS, register: { issues: false, toolRuns: true } }, []);
    expect(evaluateRule('issues.open(["critical"]) == 0', fed).status).toBe('pass');
  });
  it('is unknown on a register with no issues and no tool output: an empty register is no evidence', () => {
    const bare = buildRuleContext([], { ...NO_METRICS, register: { issues: false, toolRuns: false } }, []);
    for (const rule of ['issues.open(["critical"]) == 0', 'issues.open() == 0', 'issues.total() == 0', 'issues.atLeast(1) && issues.open() == 0']) {
      expect(evaluateRule(rule, bare), rule).toMatchObject({ status: 'unknown', reason: expect.stringContaining('the register is empty') });
    }
  });
});

describe('tests, coverage, kpi and checklist', () => {
  it('reads the latest test results', () => {
    const r = evaluateRule('tests.failed == 0', ctx);
    expect(r.status).toBe('fail');
    expect(r.reason).toContain('2 failed');
    expect(evaluateRule('tests.total > 100', ctx).status).toBe('pass');
  });
  it('reads coverage as percentages', () => {
    expect(evaluateRule('coverage.lines >= 80.0', ctx).status).toBe('pass');
    expect(evaluateRule('coverage.lines >= 85.0', ctx)).toMatchObject({ status: 'fail', reason: 'coverage: lines 82.5% (2026-11-21)' });
    expect(evaluateRule('coverage.lines >= 80', ctx).status).toBe('pass');
  });
  it('is unknown without data, and says what to do', () => {
    expect(evaluateRule('tests.failed == 0', empty)).toMatchObject({ status: 'unknown', reason: 'no test results ingested', fix: 'run punchlist ingest junit.xml' });
    expect(evaluateRule('coverage.lines >= 80.0', empty).status).toBe('unknown');
    expect(evaluateRule('coverage.functions >= 80.0', ctx).status).toBe('unknown');
    expect(evaluateRule('kpi("error_rate") < 0.5', ctx)).toMatchObject({
      status: 'unknown',
      fix: 'punchlist kpi record error_rate VALUE',
    });
  });
  it('reads the latest KPI value', () => {
    expect(evaluateRule('kpi("ci_success_rate") >= 95.0', ctx)).toMatchObject({
      status: 'pass',
      reason: 'ci_success_rate = 97 (recorded 2026-11-21)',
    });
  });
  it('reads other checklists', () => {
    const withLists = buildRuleContext([], METRICS, [], (key) =>
      key === 'dod' ? { key, done: false, passed: 1, failed: 1, unknown: 0, total: 2 } : null,
    );
    expect(evaluateRule('checklist("dod").done', withLists).status).toBe('fail');
    expect(evaluateRule('checklist("dod").passed == 1', withLists).status).toBe('pass');
    expect(evaluateRule('checklist("nope").done', withLists).status).toBe('unknown');
  });
});

describe('items and gates', () => {
  it('judges manual items by their tick', () => {
    expect(evaluateItem({ done: true, rule: null, doneBy: 'ana', doneAt: '2026-11-20T09:00:00Z' }, empty)).toMatchObject({
      status: 'pass',
      manual: true,
      reason: 'ticked by ana on 2026-11-20',
    });
    expect(evaluateItem({ done: false, rule: null, doneBy: null, doneAt: null }, empty)).toMatchObject({ status: 'fail', manual: true });
  });
  it('fails a stored rule that does not compile, with the position', () => {
    expect(evaluateRule('issues.opn() == 0', ctx).reason).toMatch(/^invalid rule at 1:\d+: unknown function issues.opn/);
  });
  it('passes a gate only when every item passes', () => {
    const items = [
      { text: 'No critical issues', rule: 'issues.open(["critical"]) == 0', done: false, doneBy: null, doneAt: null },
      { text: 'Rollback rehearsed', rule: null, done: false, doneBy: null, doneAt: null },
      { text: 'CI green', rule: 'kpi("ci_success_rate") >= 95.0', done: false, doneBy: null, doneAt: null },
      { text: 'Errors low', rule: 'kpi("error_rate") < 0.5', done: false, doneBy: null, doneAt: null },
    ];
    const g = evaluateGate({ key: 'dod', title: 'Definition of Done', listType: 'checklist' }, items, ctx);
    expect(g.passed).toBe(false);
    expect(g.counts).toEqual({ pass: 1, fail: 2, unknown: 1 });
    expect(g.items[1]?.fix).toBe('punchlist check tick dod 2');
    expect(g.items[0]?.fix).toContain('C001, C003');
    expect(gateJson(g)).toEqual({
      gate: 'dod',
      passed: false,
      allowUnknown: false,
      reason: null,
      items: [
        { text: 'No critical issues', rule: 'issues.open(["critical"]) == 0', status: 'fail', reason: '2 open critical: C001, C003' },
        { text: 'Rollback rehearsed', rule: null, status: 'fail', reason: 'not ticked yet' },
        { text: 'CI green', rule: 'kpi("ci_success_rate") >= 95.0', status: 'pass', reason: 'ci_success_rate = 97 (recorded 2026-11-21)' },
        { text: 'Errors low', rule: 'kpi("error_rate") < 0.5', status: 'unknown', reason: 'no value recorded for KPI "error_rate"' },
      ],
    });
    const ok = evaluateGate({ key: 'x', title: 'X', listType: 'checklist' }, [items[2]!], ctx);
    expect(ok.passed).toBe(true);
  });
});

describe('evidence (SPEC §7): no data is unknown, never pass', () => {
  const at = '2026-11-21T10:00:00.000Z';
  const scoped: LatestMetrics = {
    tests: [
      { scope: 'api', failed: 0, passed: 10, skipped: 0, total: 10, at },
      { scope: 'web', failed: 1, passed: 4, skipped: 0, total: 5, at },
    ],
    coverage: [
      { scope: 'api', lines: 90, branches: null, functions: 80, statements: 90, at, counts: { lines: { covered: 90, total: 100 }, functions: { covered: 8, total: 10 } } },
      { scope: 'web', lines: 60, branches: null, functions: null, statements: 60, at, counts: { lines: { covered: 180, total: 300 } } },
    ],
    failures: [],
  };
  const sctx = buildRuleContext(ISSUES, scoped, []);

  it('judges a count target against the count it names', () => {
    const target = 'issues.atLeast(60) && issues.open() == 0';
    expect(evaluateRule(target, ctx)).toMatchObject({ status: 'unknown', reason: 'the target names 60 issues; the register holds 6' });
    // Even when every issue the register holds is resolved: twelve resolved prove nothing about sixty.
    const allResolved = buildRuleContext([issue('A', 'minor', 'resolved')], NO_METRICS, []);
    expect(evaluateRule('issues.atLeast(2) && issues.open() == 0', allResolved).status).toBe('unknown');
    expect(evaluateRule('issues.atLeast(6) && issues.open() == 0', ctx)).toMatchObject({ status: 'fail' });
    expect(evaluateRule('issues.atLeast(1, ["minor"]) && issues.open(["minor"]) == 0', ctx)).toMatchObject({
      status: 'pass',
      reason: '1 minor issues in the register (the target names 1); 0 open minor',
    });
  });

  it('reads coverage with no figure (zero totals, "Unknown") as unknown, not 100%', () => {
    const zero = buildRuleContext([], { tests: [], coverage: [{ scope: 'default', lines: null, branches: null, functions: null, statements: null, at, counts: {} }], failures: [] }, []);
    expect(evaluateRule('coverage.lines >= 80.0', zero)).toMatchObject({ status: 'unknown' });
    expect(evaluateRule('coverage.lines >= 80.0', zero).reason).toContain('has no lines figure');
  });

  it('reads a named scope, or every scope combined from the counts', () => {
    expect(evaluateRule('coverage("api").lines >= 85.0', sctx)).toMatchObject({ status: 'pass', reason: 'coverage api: lines 90% (2026-11-21)' });
    expect(evaluateRule('coverage("web").lines >= 85.0', sctx).status).toBe('fail');
    // (90 + 180) / (100 + 300) = 67.5%, not the mean of 90 and 60.
    expect(evaluateRule('coverage.lines >= 67.5 && coverage.lines < 67.6', sctx).status).toBe('pass');
    expect(evaluateRule('coverage.functions >= 80.0', sctx).status).toBe('pass');
    expect(evaluateRule('tests("api").failed == 0', sctx).status).toBe('pass');
    expect(evaluateRule('tests.failed == 0', sctx)).toMatchObject({ status: 'fail', reason: 'tests: 1 failed, 14 passed, 0 skipped of 15 (2026-11-21)' });
    expect(evaluateRule('coverage("mobile").lines >= 80.0', sctx)).toMatchObject({
      status: 'unknown',
      reason: 'no coverage report ingested for scope mobile',
      fix: 'run punchlist ingest coverage/coverage-summary.json --scope mobile',
    });
    expect(evaluateRule('tests("mobile").failed == 0', sctx).status).toBe('unknown');
  });

  it('does not combine percentages it has no counts for', () => {
    const noCounts = buildRuleContext([], { ...scoped, coverage: scoped.coverage.map((c) => ({ ...c, counts: {} })) }, []);
    expect(evaluateRule('coverage.lines >= 50.0', noCounts)).toMatchObject({ status: 'unknown', fix: expect.stringContaining('coverage("api").lines') });
  });

  it('is unknown when a test report ran no tests', () => {
    const none = buildRuleContext([], { tests: [{ scope: 'default', failed: 0, passed: 0, skipped: 0, total: 0, at }], coverage: [], failures: [] }, []);
    expect(evaluateRule('tests.failed == 0', none).status).toBe('unknown');
  });

  it('is unknown while a crashed tool leaves the register or the metrics stale', () => {
    const failure = { name: 'types', tool: 'tsc', scope: 'default', at: '2026-11-22T10:00:00.000Z', exitCode: 3, reason: 'no output' };
    const crashed = buildRuleContext(ISSUES, { ...scoped, failures: [failure] }, []);
    expect(evaluateRule('issues.open(["minor"]) == 0', crashed)).toMatchObject({
      status: 'unknown',
      fix: 'fix the command, then run punchlist scan --only types',
    });
    expect(evaluateRule('issues.open(["minor"]) == 0', crashed).reason).toContain('scan command "types" (tsc, scope default) on 2026-11-22 crashed with exit code 3');
    expect(evaluateRule('coverage.lines >= 10.0', crashed).status).toBe('pass');
    const tests = buildRuleContext(ISSUES, { ...scoped, failures: [{ ...failure, name: 'unit', tool: 'junit', scope: 'web' }] }, []);
    expect(evaluateRule('tests("web").failed == 1', tests).status).toBe('unknown');
    expect(evaluateRule('tests("api").failed == 0', tests).status).toBe('pass');
    // Evidence ingested after the crash counts again.
    const older = buildRuleContext(ISSUES, { ...scoped, failures: [{ ...failure, name: 'unit', tool: 'junit', scope: 'web', at: '2026-11-20T00:00:00.000Z' }] }, []);
    expect(evaluateRule('tests("web").failed == 1', older).status).toBe('pass');
  });

  it('does not pass an empty checklist, and lets unknown through only when asked', () => {
    const list = { key: 'dod', title: 'DoD', listType: 'checklist' as const };
    const none = evaluateGate(list, [], ctx);
    expect(none).toMatchObject({ passed: false, counts: { pass: 0, fail: 0, unknown: 0 } });
    expect(none.reason).toContain('has no items');
    const noData = [{ text: 'Errors low', rule: 'kpi("error_rate") < 0.5', done: false, doneBy: null, doneAt: null }];
    expect(evaluateGate(list, noData, ctx).passed).toBe(false);
    expect(evaluateGate(list, noData, ctx, { allowUnknown: true }).passed).toBe(true);
    const failing = [...noData, { text: 'Rollback rehearsed', rule: null, done: false, doneBy: null, doneAt: null }];
    expect(evaluateGate(list, failing, ctx, { allowUnknown: true }).passed).toBe(false);
  });
});

describe('sla.breached', () => {
  const breach = (issueKey: string, severity: Severity, level: number, acknowledged = false) => ({ issueKey, severity, level, firedAt: '2026-11-24T10:00:00.000Z', acknowledged });
  const swept = buildRuleContext([], NO_METRICS, [], () => null, [breach('C001', 'critical', 1), breach('C001', 'critical', 2, true), breach('M002', 'major', 2)]);
  const quiet = buildRuleContext([], NO_METRICS, [], () => null, []);

  it('counts open issues in breach: of any level, of one level, of one severity, and names them', () => {
    expect(evaluateRule('sla.breached() == 0', swept)).toMatchObject({ status: 'fail', reason: '2 open issues in breach of an escalation level: C001, M002', fix: 'resolve or acknowledge C001, M002 (punchlist sla)' });
    expect(evaluateRule('sla.breached(2) == 2', swept)).toMatchObject({ status: 'pass' });
    expect(evaluateRule('sla.breached(1) <= 1', swept)).toMatchObject({ status: 'pass' });
    expect(evaluateRule('sla.breached("critical") == 0', swept)).toMatchObject({ status: 'fail', reason: '1 open issue critical in breach of an escalation level: C001' });
    expect(evaluateRule('sla.breached("minor") == 0 && sla.breached(3) == 0', swept)).toMatchObject({ status: 'pass' });
    expect(evaluateRule('sla.breached() == 0', quiet)).toMatchObject({ status: 'pass', reason: 'no open issue in breach of an escalation level' });
  });

  it('is unknown, not passed, when no sweep has run', () => {
    expect(evaluateRule('sla.breached() == 0', empty)).toMatchObject({ status: 'unknown', reason: 'no escalation sweep has run for this project, so no SLA breach is known', fix: expect.stringMatching(/^punchlist escalate/) });
  });

  it('refuses a wrong call when the rule is saved', () => {
    expect(() => compileRule('sla.breached("urgent") == 0')).toThrow(/unknown severity "urgent"/);
    expect(() => compileRule('sla.breached(0) == 0')).toThrow(/level of 1 or more/);
    expect(() => compileRule('sla.breached(1, 2) == 0')).toThrow(/at most one argument/);
    expect(() => compileRule('sla.late() == 0')).toThrow(/unknown function sla.late/);
    expect(() => compileRule('sla.breached([1]) == 0')).toThrow();
    expect(compileRule('sla.breached() == 0').usesSla).toBe(true);
    expect(compileRule('issues.open() == 0').usesSla).toBe(false);
  });
});
