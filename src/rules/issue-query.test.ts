import { describe, expect, it } from 'vitest';
import { compileRule } from './compile.js';
import { counterFromFacts, counterFromResults, normaliseQuery, queryId } from './issue-query.js';

describe('issue queries', () => {
  it('normalises equal questions to one id', () => {
    expect(queryId({ severity: ['major', 'critical', 'major'], open: true })).toBe(queryId({ open: true, severity: ['critical', 'major'] }));
    expect(normaliseQuery({ severity: [], phase: ['p1'] })).toEqual({ phase: ['p1'] });
  });

  it('extracts the questions of a rule with literal arguments', () => {
    expect(compileRule('issues.open(["critical"]) == 0 && issues.total() > 0').issueQueries).toEqual([
      { severity: ['critical'], open: true },
      {},
    ]);
    expect(compileRule('issues.resolved(["minor"]) > 1').issueQueries).toEqual([{ severity: ['minor'], status: ['resolved'] }]);
    expect(compileRule('issues.count({"status": "blocked", "label": ["a", "b"], "open": true}) == 0').issueQueries).toEqual([
      { status: ['blocked'], label: ['a', 'b'], open: true },
    ]);
    expect(compileRule('coverage.lines > 1.0').issueQueries).toEqual([]);
  });

  it('falls back to loading facts when an argument is computed', () => {
    expect(compileRule('["critical", "major"].all(s, issues.open([s]) == 0)').issueQueries).toBeNull();
  });

  it('counts facts in id order and samples keys', () => {
    const facts = Array.from({ length: 15 }, (_, i) => ({
      key: `K${i}`,
      severity: 'major' as const,
      status: i % 2 ? ('resolved' as const) : ('backlog' as const),
      phase: null,
      labels: [],
      resolvedAt: null,
    }));
    const count = counterFromFacts(facts);
    expect(count({ open: true })).toEqual({ count: 8, keys: ['K0', 'K2', 'K4', 'K6', 'K8', 'K10', 'K12', 'K14'] });
    expect(count({}).keys).toHaveLength(10);
    expect(() => counterFromResults(new Map())({})).toThrow(/not prepared/);
  });
});
