// The data a rule sees (docs/rules.md documents it for users). Built once per evaluation from
// what the store holds; the rule functions in functions.ts read only this.
import type { SlaBreach } from '../domain/escalation-port.js';
import { COVERAGE_FIELDS, type CoverageMetric, type IssueFact, type LatestMetrics, type TestsMetric } from '../domain/tracking-port.js';
import { coverageEvidence, testsEvidence } from './evidence.js';
import { type IssueCounter, counterFromFacts } from './issue-query.js';

export type { CoverageMetric, IssueFact, LatestMetrics, TestsMetric };

export interface KpiReading {
  value: number;
  at: string;
}

/** What `checklist("key")` answers; `unknown` counts items that have no data yet. */
export interface ChecklistState {
  key: string;
  done: boolean;
  passed: number;
  failed: number;
  unknown: number;
  total: number;
}

export interface RuleContext {
  /** Answers issues.open/resolved/total/count. */
  countIssues: IssueCounter;
  metrics: LatestMetrics;
  /** The latest value of each KPI that has one. */
  kpis: ReadonlyMap<string, KpiReading>;
  /** Resolves a checklist, or else a phase, by key; null when neither exists. */
  checklist: (key: string) => ChecklistState | null;
  /** Open issues in breach per level, as the sweeps recorded them; null: no sweep has run (sla.breached is then unknown). */
  sla?: readonly SlaBreach[] | null;
}

export { COVERAGE_FIELDS };
export const TEST_FIELDS = ['failed', 'passed', 'skipped', 'total'] as const;

export interface RuleContextSummary {
  issues: { total: number; open: number };
  /** Every scope combined; null when there is no evidence. */
  tests: TestsMetric | null;
  coverage: CoverageMetric | null;
  kpis: Record<string, KpiReading>;
}

/** `issues`: the facts themselves, or a counter that asks the store. */
export function buildRuleContext(
  issues: readonly IssueFact[] | IssueCounter,
  metrics: LatestMetrics,
  kpiValues: ReadonlyArray<{ key: string; value: number; at: string }>,
  checklist: (key: string) => ChecklistState | null = () => null,
  sla: readonly SlaBreach[] | null = null,
): RuleContext {
  const kpis = new Map<string, KpiReading>();
  for (const v of kpiValues) {
    const seen = kpis.get(v.key);
    if (!seen || v.at >= seen.at) kpis.set(v.key, { value: v.value, at: v.at });
  }
  const countIssues = typeof issues === 'function' ? issues : counterFromFacts(issues);
  return { countIssues, metrics, kpis, checklist, sla };
}

/** The questions summarise asks, so a store-backed counter can prepare them. */
export const SUMMARY_QUERIES = [{}, { open: true }] as const;

export function summarise(ctx: RuleContext): RuleContextSummary {
  return {
    issues: { total: ctx.countIssues({}).count, open: ctx.countIssues({ open: true }).count },
    tests: testsEvidence(ctx.metrics, null).value,
    coverage: coverageEvidence(ctx.metrics, null).value,
    kpis: Object.fromEntries(ctx.kpis),
  };
}
