// Evaluates one checklist item against a RuleContext: pass, fail or unknown (no data yet), with
// the reason a person reads and, where there is one, the obvious fix.
import { celEnv, isCelError, plan } from '@bufbuild/cel';
import type { CheckItem } from '../domain/document.js';
import { COVERAGE_FIELDS, type RuleContext } from './context.js';
import { type CompiledRule, RuleError, compileRule } from './compile.js';
import { NoData, type Observation, ruleFunctions } from './functions.js';

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
  const missing = missingData(rule, ctx);
  if (missing) return { status: 'unknown', ...missing };

  const seen: Observation[] = [];
  const bindings = {
    coverage: new Map(COVERAGE_FIELDS.map((f) => [f, ctx.metrics.coverage?.[f] ?? 0])),
    tests: new Map(
      Object.entries(ctx.metrics.tests ?? {})
        .filter(([k]) => k !== 'at')
        .map(([k, v]) => [k, BigInt(Math.round(Number(v)))]),
    ),
  };
  const result = plan(celEnv({ funcs: ruleFunctions(ctx, seen) }), rule.parsed)(bindings);
  const notes = [...observeMetrics(rule, ctx), ...seen];
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

function missingData(rule: CompiledRule, ctx: RuleContext): { reason: string; fix: string } | null {
  if (rule.usesTests.size > 0 && !ctx.metrics.tests) {
    return { reason: 'no test results yet', fix: 'ingest a JUnit report: punchlist ingest junit.xml' };
  }
  if (rule.usesCoverage.size > 0) {
    const cov = ctx.metrics.coverage;
    if (!cov) return { reason: 'no coverage results yet', fix: 'ingest a coverage report: punchlist ingest coverage/coverage-summary.json' };
    for (const f of rule.usesCoverage) {
      if (cov[f as keyof typeof cov] === null) {
        return { reason: `the last coverage report has no ${f} figure`, fix: 'ingest a coverage report that includes it' };
      }
    }
  }
  return null;
}

function observeMetrics(rule: CompiledRule, ctx: RuleContext): Observation[] {
  const out: Observation[] = [];
  const { tests, coverage } = ctx.metrics;
  if (rule.usesTests.size > 0 && tests) {
    out.push({
      text: `tests: ${tests.failed} failed, ${tests.passed} passed, ${tests.skipped} skipped of ${tests.total} (${tests.at.slice(0, 10)})`,
      fix: tests.failed > 0 ? 'fix the failing tests, then ingest the new JUnit report' : null,
    });
  }
  if (rule.usesCoverage.size > 0 && coverage) {
    const figures = [...rule.usesCoverage].map((f) => `${f} ${coverage[f as keyof typeof coverage]}%`);
    out.push({
      text: `coverage: ${figures.join(', ')} (${coverage.at.slice(0, 10)})`,
      fix: 'add tests for the uncovered code, then ingest the new coverage report',
    });
  }
  return out;
}
