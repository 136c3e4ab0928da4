// Evaluates one checklist item against a RuleContext: pass, fail or unknown (no data yet), with
// the reason a person reads and, where there is one, the obvious fix.
import { celEnv, isCelError, plan } from '@bufbuild/cel';
import type { CheckItem } from '../domain/document.js';
import type { CoverageField, CoverageMetric, TestsMetric } from '../domain/tracking-port.js';
import type { RuleContext } from './context.js';
import { type CompiledRule, RuleError, compileRule } from './compile.js';
import { type Missing, coverageEvidence, coverageFieldMissing, issuesEvidence, testsEvidence } from './evidence.js';
import { NoData, type Observation, ruleFunctions, scopedMetricFunctions } from './functions.js';

export type ItemStatus = 'pass' | 'fail' | 'unknown';

export interface ItemEvaluation {
  status: ItemStatus;
  reason: string | null;
  manual: boolean;
  /** What would make the item pass, when that is obvious. */
  fix?: string | null;
}

const compiled = new Map<string, CompiledRule | RuleError>();

/** Compiles once per process; a rule that does not compile comes back as its RuleError. */
export function compileCached(expr: string): CompiledRule | RuleError {
  let hit = compiled.get(expr);
  if (!hit) {
    try {
      hit = compileRule(expr);
    } catch (e) {
      if (!(e instanceof RuleError)) throw e;
      hit = e;
    }
    if (compiled.size > 5_000) compiled.clear();
    compiled.set(expr, hit);
  }
  return hit;
}

export function evaluateItem(item: Pick<CheckItem, 'done' | 'rule' | 'doneBy' | 'doneAt'>, ctx: RuleContext): ItemEvaluation {
  if (item.rule === null || item.rule.trim() === '') {
    if (item.done) {
      const by = [item.doneBy && `by ${item.doneBy}`, item.doneAt && `on ${item.doneAt.slice(0, 10)}`].filter(Boolean);
      return { status: 'pass', reason: by.length ? `ticked ${by.join(' ')}` : 'ticked', manual: true, fix: null };
    }
    return { status: 'fail', reason: 'not ticked yet', manual: true, fix: null };
  }
  return { ...evaluateRule(item.rule, ctx), manual: false };
}

export function evaluateRule(expr: string, ctx: RuleContext): Omit<ItemEvaluation, 'manual'> {
  const rule = compileCached(expr);
  if (rule instanceof RuleError) {
    return { status: 'fail', reason: `invalid rule at ${rule.line}:${rule.column}: ${rule.message}`, fix: 'correct the rule' };
  }
  const evidence = gatherEvidence(rule, ctx);
  if ('missing' in evidence) return { status: 'unknown', ...evidence.missing };

  const seen: Observation[] = [];
  const asMap = (m: TestsMetric | CoverageMetric | undefined, ints: boolean): Map<string, number | bigint> =>
    new Map(
      Object.entries(m ?? {})
        .filter(([k, v]) => k !== 'at' && typeof v === 'number')
        .map(([k, v]) => [k, ints ? BigInt(Math.round(Number(v))) : Number(v)]),
    );
  const bindings = {
    coverage: asMap(evidence.coverage.get(null), false),
    tests: asMap(evidence.tests.get(null), true),
  };
  const funcs = [
    ...ruleFunctions(ctx, seen),
    ...scopedMetricFunctions(
      (scope) => asMap(evidence.coverage.get(scope), false),
      (scope) => asMap(evidence.tests.get(scope), true),
    ),
  ];
  const result = plan(celEnv({ funcs }), rule.parsed)(bindings);
  const unknown = seen.find((n) => n.unknown === true);
  if (unknown) return { status: 'unknown', reason: unknown.text, fix: unknown.fix };
  const notes = [...observeMetrics(rule, evidence), ...seen];
  const reason = notes.length ? notes.map((n) => n.text).join('; ') : null;

  if (isCelError(result)) {
    const cause = rootCause(result);
    if (cause instanceof NoData) return { status: 'unknown', reason: cause.message, fix: cause.fix };
    return { status: 'fail', reason: `rule error: ${cause instanceof Error ? cause.message : String(cause)}`, fix: null };
  }
  if (typeof result !== 'boolean') {
    return { status: 'fail', reason: `rule gave ${String(result)}, not true or false`, fix: 'correct the rule' };
  }
  if (result) return { status: 'pass', reason, fix: null };
  const fix = notes.map((n) => n.fix).find((f) => f !== null) ?? null;
  return { status: 'fail', reason: reason ?? 'the rule is false', fix };
}

function rootCause(e: unknown): unknown {
  let cur: unknown = e;
  for (let depth = 0; depth < 10 && cur instanceof Error && !(cur instanceof NoData) && cur.cause !== undefined; depth++) {
    cur = cur.cause;
  }
  return cur;
}

interface RuleEvidence {
  /** Keyed by scope; null is every scope combined. */
  tests: Map<string | null, TestsMetric>;
  coverage: Map<string | null, CoverageMetric>;
}

/** The figures a rule reads, or the first piece of evidence it lacks (then it is unknown). */
function gatherEvidence(rule: CompiledRule, ctx: RuleContext): RuleEvidence | { missing: Missing } {
  const out: RuleEvidence = { tests: new Map(), coverage: new Map() };
  if (rule.usesIssues) {
    const missing = issuesEvidence(ctx.metrics);
    if (missing) return { missing };
  }
  for (const { scope } of rule.usesTests) {
    if (out.tests.has(scope)) continue;
    const e = testsEvidence(ctx.metrics, scope);
    if (e.missing) return { missing: e.missing };
    out.tests.set(scope, e.value);
  }
  for (const { scope, field } of rule.usesCoverage) {
    let value = out.coverage.get(scope);
    if (!value) {
      const e = coverageEvidence(ctx.metrics, scope);
      if (e.missing) return { missing: e.missing };
      value = e.value;
      out.coverage.set(scope, value);
    }
    const missing = coverageFieldMissing(ctx.metrics, scope, field as CoverageField, value);
    if (missing) return { missing };
  }
  return out;
}

const label = (kind: string, scope: string | null): string => (scope === null ? kind : `${kind} ${scope}`);

function observeMetrics(rule: CompiledRule, evidence: RuleEvidence): Observation[] {
  const out: Observation[] = [];
  for (const [scope, tests] of evidence.tests) {
    out.push({
      text: `${label('tests', scope)}: ${tests.failed} failed, ${tests.passed} passed, ${tests.skipped} skipped of ${tests.total} (${tests.at.slice(0, 10)})`,
      fix: tests.failed > 0 ? 'fix the failing tests, then ingest the new JUnit report' : null,
    });
  }
  for (const [scope, coverage] of evidence.coverage) {
    const fields = [...new Set(rule.usesCoverage.filter((u) => u.scope === scope).map((u) => u.field as CoverageField))];
    out.push({
      text: `${label('coverage', scope)}: ${fields.map((f) => `${f} ${coverage[f]}%`).join(', ')} (${coverage.at.slice(0, 10)})`,
      fix: 'add tests for the uncovered code, then ingest the new coverage report',
    });
  }
  return out;
}
