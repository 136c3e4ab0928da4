import { describe, expect, it } from 'vitest';
import { PunchlistError } from '../domain/errors.js';
import { parseTarget } from './targets.js';
import { validateRule } from './compile.js';

const refusal = (expr: string): string => {
  try {
    validateRule(expr);
  } catch (e) {
    expect(e).toBeInstanceOf(PunchlistError);
    expect((e as PunchlistError).exitCode).toBe(2);
    return (e as Error).message;
  }
  throw new Error(`accepted: ${expr}`);
};

describe('validateRule', () => {
  it.each([
    'issues.open(["critical","major"]) == 0',
    'issues.open() == 0',
    'issues.resolved(["minor"]) >= 1 || issues.total() == 0',
    'issues.count({"status": ["blocked"], "phase": "p1"}) == 0',
    'coverage.lines >= 90.0',
    'coverage.branches > 70',
    'tests.failed == 0 && tests.total > 0',
    'kpi("ci_success_rate") >= 100.0',
    'checklist("dod").done',
    '["a","b"].all(k, checklist(k).done)',
  ])('accepts %s', (expr) => {
    expect(() => validateRule(expr)).not.toThrow();
  });

  it('accepts every rule parseTarget writes', () => {
    for (const t of ['0 critical issues remaining', 'All 60 issues resolved', '80%+ test coverage', 'All tests passing', '95% CI pipeline success rate', 'p95 render under 800 ms']) {
      expect(() => validateRule(parseTarget(t)!.rule)).not.toThrow();
    }
  });

  it('refuses syntax errors with the position', () => {
    expect(refusal('issues.open(["critical"] == 0')).toMatch(/at 1:12: does not parse: "\(" is never closed/);
    expect(refusal('issues.open(["critical") == 0')).toMatch(/at 1:24: does not parse: unexpected "\)" \(the "\[" before it is not closed\)/);
    expect(refusal('tests.failed = 0')).toMatch(/at 1:\d+: does not parse/);
    expect(refusal('kpi("x) > 1.0')).toMatch(/does not parse/);
  });
  it('refuses unknown names, fields, functions and severities with their position', () => {
    expect(refusal('isues.open() == 0')).toMatch(/at 1:1: unknown name "isues"/);
    expect(refusal('tests.failed == 0 && coverage.linez > 1.0')).toMatch(/at 1:\d+: unknown field coverage.linez/);
    expect(refusal('issues.closed() == 0')).toMatch(/unknown function issues.closed/);
    expect(refusal('issues.open(["critcal"]) == 0')).toMatch(/at 1:14: unknown severity "critcal"/);
    expect(refusal('frob(1) == 0')).toMatch(/unknown function frob/);
    expect(refusal('kpi(1) > 0.0')).toMatch(/at 1:\d+:/);
  });
  it('names the rule in its document when told where it is', () => {
    expect(() => validateRule('tests.fail == 0', 'document.checklists[0].items[2].rule')).toThrow(
      /^document\.checklists\[0\]\.items\[2\]\.rule: rule "tests.fail == 0" at 1:6: unknown field tests.fail/,
    );
  });
  it('refuses a rule that is not a condition', () => {
    expect(refusal('issues.open()')).toMatch(/must be a condition/);
    expect(refusal('')).toMatch(/empty/);
  });
});
