// What a rule may take as evidence (SPEC §7): the latest tests and coverage of one scope or of
// every scope combined, and whether a crashed tool leaves them — or the register — without a
// current answer. No data is never a pass: each gap comes back as the reason a person reads and
// the command that provides the evidence. Pure.
import {
  COVERAGE_FIELDS,
  type CoverageField,
  type CoverageMetric,
  type LatestMetrics,
  type ScopedCoverage,
  type TestsMetric,
  type ToolFailure,
} from '../domain/tracking-port.js';

export interface Missing {
  reason: string;
  fix: string;
}

export type Evidence<T> = { value: T; missing: null } | { value: null; missing: Missing };

const scopeArg = (scope: string | null): string => (scope === null ? '' : ` --scope ${scope}`);
const forScope = (scope: string | null): string => (scope === null ? '' : ` for scope ${scope}`);
const day = (at: string): string => at.slice(0, 10);
const gap = (reason: string, fix: string): { value: null; missing: Missing } => ({ value: null, missing: { reason, fix } });

/** Which rule sources a crashed tool leaves without evidence. */
const AFFECTS: Record<'tests' | 'coverage' | 'issues', (tool: string) => boolean> = {
  tests: (tool) => tool === 'junit' || tool === 'auto',
  coverage: (tool) => tool === 'coverage' || tool === 'auto',
  // Every scanner but coverage feeds the register (failing tests become issues too).
  issues: (tool) => tool !== 'coverage',
};

export function crashMissing(f: ToolFailure): Missing {
  const exit = f.exitCode === null ? '' : ` with exit code ${f.exitCode}`;
  return {
    reason: `the last run of scan command "${f.name}" (${f.tool}, scope ${f.scope}) on ${day(f.at)} crashed${exit}: ${f.reason}`,
    fix: `fix the command, then run punchlist scan --only ${f.name}`,
  };
}

/** A crash newer than the evidence the scope holds; `latestAt` gives that evidence's time. */
function crashed(
  metrics: LatestMetrics,
  source: keyof typeof AFFECTS,
  scope: string | null,
  latestAt: (scope: string) => string | null = () => null,
): ToolFailure | undefined {
  return metrics.failures.find(
    (f) => AFFECTS[source](f.tool) && (scope === null || f.scope === scope) && f.at >= (latestAt(f.scope) ?? ''),
  );
}

/** The register is evidence only while no tool that feeds it has crashed since. */
export function issuesEvidence(metrics: LatestMetrics): Missing | null {
  const crash = crashed(metrics, 'issues', null);
  if (!crash) return null;
  const m = crashMissing(crash);
  return { reason: `${m.reason}; the register may be out of date`, fix: m.fix };
}

/** The latest test run of one scope, or of every scope summed. */
export function testsEvidence(metrics: LatestMetrics, scope: string | null): Evidence<TestsMetric> {
  const rows = metrics.tests.filter((t) => scope === null || t.scope === scope);
  const crash = crashed(metrics, 'tests', scope, (s) => metrics.tests.find((t) => t.scope === s)?.at ?? null);
  if (crash) return { value: null, missing: crashMissing(crash) };
  if (rows.length === 0) return gap(`no test results ingested${forScope(scope)}`, `run punchlist ingest junit.xml${scopeArg(scope)}`);
  const sum: TestsMetric = { failed: 0, passed: 0, skipped: 0, total: 0, at: '' };
  for (const r of rows) {
    sum.failed += r.failed;
    sum.passed += r.passed;
    sum.skipped += r.skipped;
    sum.total += r.total;
    if (r.at > sum.at) sum.at = r.at;
  }
  if (sum.total === 0) {
    return gap(`the latest test report${forScope(scope)} (${day(sum.at)}) ran no tests`, `make the test run write its JUnit report, then run punchlist ingest junit.xml${scopeArg(scope)}`);
  }
  return { value: sum, missing: null };
}

/**
 * The latest coverage of one scope, or of every scope combined from the counts behind each
 * figure. A figure is null when nothing was measured or the report does not carry it.
 */
export function coverageEvidence(metrics: LatestMetrics, scope: string | null): Evidence<CoverageMetric> {
  const rows = metrics.coverage.filter((c) => scope === null || c.scope === scope);
  const crash = crashed(metrics, 'coverage', scope, (s) => metrics.coverage.find((c) => c.scope === s)?.at ?? null);
  if (crash) return { value: null, missing: crashMissing(crash) };
  if (rows.length === 0) {
    return gap(`no coverage report ingested${forScope(scope)}`, `run punchlist ingest coverage/coverage-summary.json${scopeArg(scope)}`);
  }
  const only = rows.length === 1 ? rows[0] : undefined;
  if (only) return { value: pick(only), missing: null };
  const value: CoverageMetric = { lines: null, branches: null, functions: null, statements: null, at: '' };
  for (const r of rows) if (r.at > value.at) value.at = r.at;
  for (const f of COVERAGE_FIELDS) value[f] = combined(rows, f);
  return { value, missing: null };
}

/** Why a coverage figure a rule reads is not there, or null when it is. */
export function coverageFieldMissing(metrics: LatestMetrics, scope: string | null, field: CoverageField, value: CoverageMetric): Missing | null {
  if (value[field] !== null) return null;
  const rows = metrics.coverage.filter((c) => scope === null || c.scope === scope);
  if (rows.length > 1 && rows.some((r) => r[field] !== null && r.counts[field] === undefined)) {
    const names = rows.map((r) => r.scope);
    return {
      reason: `coverage ${field} of scopes ${names.join(', ')} cannot be combined: a report gave percentages without counts`,
      fix: `name a scope, e.g. coverage("${names[0] ?? 'default'}").${field}, or ingest a coverage-summary.json per scope`,
    };
  }
  return {
    reason: `the latest coverage report${forScope(scope)} (${day(value.at)}) has no ${field} figure (nothing measured, or not in the report)`,
    fix: `ingest a coverage report that measures ${field}: punchlist ingest coverage/coverage-summary.json${scopeArg(scope)}`,
  };
}

const pick = (r: ScopedCoverage): CoverageMetric => ({ lines: r.lines, branches: r.branches, functions: r.functions, statements: r.statements, at: r.at });

function combined(rows: readonly ScopedCoverage[], field: CoverageField): number | null {
  let covered = 0;
  let total = 0;
  for (const r of rows) {
    const c = r.counts[field];
    if (c === undefined) {
      // A scope without that figure at all does not stop the others from being combined.
      if (r[field] === null) continue;
      return null;
    }
    covered += c.covered;
    total += c.total;
  }
  return total === 0 ? null : Math.round((covered / total) * 10_000) / 100;
}
