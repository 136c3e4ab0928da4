import { describe, expect, it } from 'vitest';
import type { Severity, Status } from '../domain/enums.js';
import { type IssueFact, type LatestMetrics, buildRuleContext } from './context.js';
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
  tests: { failed: 2, passed: 118, skipped: 1, total: 121, at: '2026-11-21T10:00:00.000Z' },
  coverage: { lines: 82.5, branches: 70, functions: null, statements: 80, at: '2026-11-21T10:00:00.000Z' },
};
const ctx = buildRuleContext(ISSUES, METRICS, [
  { key: 'ci_success_rate', value: 91, at: '2026-11-20T00:00:00.000Z' },
  { key: 'ci_success_rate', value: 97, at: '2026-11-21T00:00:00.000Z' },
]);
const empty = buildRuleContext([], { tests: null, coverage: null }, []);

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
  it('passes on an empty register', () => {
    expect(evaluateRule('issues.open() == 0', empty).status).toBe('pass');
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
    expect(evaluateRule('tests.failed == 0', empty)).toMatchObject({ status: 'unknown', reason: 'no test results yet' });
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
