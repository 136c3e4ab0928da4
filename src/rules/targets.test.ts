import { describe, expect, it } from 'vitest';
import { kpiKey, parseTarget } from './targets.js';

const rule = (text: string): string | undefined => parseTarget(text)?.rule;

describe('parseTarget', () => {
  it.each([
    ['0 critical issues remaining', 'issues.open(["critical"]) == 0'],
    ['0 open blockers', 'issues.open(["critical"]) == 0'],
    ['No open major issues', 'issues.open(["major"]) == 0'],
    ['All blockers and major issues resolved', 'issues.open(["critical", "major"]) == 0'],
    ['All 34 issues resolved', 'issues.atLeast(34) && issues.open() == 0'],
    ['All 60 issues resolved', 'issues.atLeast(60) && issues.open() == 0'],
    ['All 12 critical issues resolved', 'issues.atLeast(12, ["critical"]) && issues.open(["critical"]) == 0'],
    ['All of the 8 P1 bugs fixed', 'issues.atLeast(8, ["critical"]) && issues.open(["critical"]) == 0'],
    ['✅ **Zero P1 bugs**', 'issues.open(["critical"]) == 0'],
    ['Fewer than 5 medium issues', 'issues.open(["medium"]) < 5'],
    ['80%+ test coverage', 'coverage.lines >= 80.0'],
    ['85%+ line coverage on services/', 'coverage.lines >= 85.0'],
    ['90% branch coverage', 'coverage.branches >= 90.0'],
    ['All tests passing', 'tests.failed == 0'],
    ['Full test suite green', 'tests.failed == 0'],
    ['No failing tests', 'tests.failed == 0'],
    ['Test pass rate 100%', 'tests.failed == 0'],
    ['Test coverage > 80%', 'coverage.lines > 80.0'],
    ['Coverage ≥ 80%', 'coverage.lines >= 80.0'],
    ['Zero critical security vulnerabilities', 'issues.open(["critical"]) == 0'],
    ['0 P1/P2 bugs', 'issues.open(["critical", "major"]) == 0'],
    ['All P0 issues closed', 'issues.open(["critical"]) == 0'],
    ['< 5 open medium issues', 'issues.open(["medium"]) < 5'],
  ])('%s → %s', (text, expected) => {
    expect(rule(text)).toBe(expected);
    expect(parseTarget(text)?.kpi).toBeNull();
  });

  it('turns a CI success rate into a KPI', () => {
    expect(parseTarget('100% CI/CD pipeline success rate')).toEqual({
      rule: 'kpi("ci_success_rate") >= 100.0',
      kpi: { key: 'ci_success_rate', name: 'CI/CD pipeline success rate', unit: '%', target: 100, comparator: '>=' },
    });
    expect(parseTarget('95% CI pipeline success rate')?.kpi).toMatchObject({ key: 'ci_success_rate', target: 95 });
    expect(rule('95% CI pipeline success rate')).toBe('kpi("ci_success_rate") >= 95.0');
  });

  it('reads "under" as a strict upper bound with its unit', () => {
    expect(parseTarget('p95 invoice render under 800 ms')).toEqual({
      rule: 'kpi("p95_invoice_render") < 800.0',
      kpi: { key: 'p95_invoice_render', name: 'p95 invoice render', unit: 'ms', target: 800, comparator: '<' },
    });
    expect(parseTarget('Error rate under 0.5% for 7 days')).toEqual({
      rule: 'kpi("error_rate") < 0.5',
      kpi: { key: 'error_rate', name: 'Error rate', unit: '%', target: 0.5, comparator: '<' },
    });
    expect(parseTarget('API response time < 200ms')?.kpi).toMatchObject({ key: 'api_response_time', comparator: '<', unit: 'ms' });
  });

  it('reads other measures written in the usual ways', () => {
    expect(parseTarget('Lighthouse score 90+')?.kpi).toEqual({ key: 'lighthouse_score', name: 'Lighthouse score', unit: null, target: 90, comparator: '>=' });
    expect(parseTarget('Bundle size below 250 KB')?.kpi).toMatchObject({ key: 'bundle_size', unit: 'KB', comparator: '<' });
    expect(parseTarget('MTTR under 4 hours')?.kpi).toMatchObject({ key: 'mttr', unit: 'h', target: 4 });
    expect(parseTarget('Uptime ≥ 99.5%')?.rule).toBe('kpi("uptime") >= 99.5');
    expect(parseTarget('Less than 1% error rate')?.rule).toBe('kpi("error_rate") < 1.0');
  });

  it.each(['Rollback rehearsed', 'Staging stable for 48 hours', 'Load test at 2x expected peak', 'Deployment frequency: daily', '**Completed**: 1/4 blockers', 'Zero downtime deployment', '', 'Security review signed off by CTO', 'Phase 2 complete'])(
    'returns null for prose that is not a measurable target: %s',
    (text) => {
      expect(parseTarget(text)).toBeNull();
    },
  );

  it('derives stable KPI keys', () => {
    expect(kpiKey('CI/CD pipeline success rate')).toBe('ci_success_rate');
    expect(kpiKey('Uptime %')).toBe('uptime_pct');
  });
});
