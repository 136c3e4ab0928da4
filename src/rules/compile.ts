// Parsing and checking a rule before anything runs it: a rule that does not parse, names
// something the context does not have, or is not a true/false condition is refused when saved,
// with the position of the mistake.
import { type CelFunc, celEnv, isCelError, parse, plan } from '@bufbuild/cel';
import type { Expr, ParsedExpr } from '@bufbuild/cel-spec/cel/expr/syntax_pb.js';
import { SEVERITIES } from '../domain/enums.js';
import { badInput } from '../domain/errors.js';
import { LIMITS } from '../domain/limits.js';
import { COVERAGE_FIELDS, TEST_FIELDS } from './context.js';
import { GLOBAL_FUNCTIONS, ISSUE_FUNCTIONS, type IssueArg, type IssueFunction, issueQueryFor, ruleFunctions, scopedMetricFunctions } from './functions.js';
import type { IssueQuery } from './issue-query.js';

/** A metric a rule reads: of one scope (`coverage("web").lines`), or of all combined (null). */
export interface MetricUse {
  scope: string | null;
  field: string;
}

export interface CompiledRule {
  expr: string;
  parsed: ParsedExpr;
  usesCoverage: readonly MetricUse[];
  usesTests: readonly MetricUse[];
  /** Whether it asks the register anything (issues.*). */
  usesIssues: boolean;
  /** Every question the rule asks of the register, or null when an argument is computed. */
  issueQueries: IssueQuery[] | null;
  /** Whether it asks about SLA breaches (sla.breached). */
  usesSla: boolean;
}

export class RuleError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

// CEL's standard functions and macros, which a rule may use freely.
const STD_FUNCTIONS = new Set([
  'size', 'contains', 'startsWith', 'endsWith', 'matches', 'int', 'uint', 'double', 'string', 'bool',
  'bytes', 'type', 'dyn', 'timestamp', 'duration', 'has', 'all', 'exists', 'exists_one', 'map', 'filter',
  'getFullYear', 'getMonth', 'getDate', 'getDayOfMonth', 'getDayOfWeek', 'getDayOfYear', 'getHours',
  'getMinutes', 'getSeconds', 'getMilliseconds',
]);

const isOperator = (name: string): boolean => /^[_!@-]/.test(name);

const KNOWN =
  'issues.open/resolved/total/count/atLeast(...), sla.breached(), sla.breached(level), sla.breached("severity"), coverage.<field>, coverage("scope").<field>, tests.<field>, tests("scope").<field>, kpi("key"), checklist("key")';

const METRIC_FIELDS: Record<'coverage' | 'tests', readonly string[]> = { coverage: COVERAGE_FIELDS, tests: TEST_FIELDS };
const isMetric = (name: string): name is 'coverage' | 'tests' => name === 'coverage' || name === 'tests';

/**
 * A rule's size and nesting (LIMITS.ruleLength, LIMITS.ruleDepth), checked before it is compiled
 * or saved: a 3,000-term sum or a thousand open brackets is refused in one line, never a stack
 * overflow in the parser or in every gate, check and report that would later read it.
 */
export function checkRuleLimits(expr: string): void {
  if (expr.length > LIMITS.ruleLength) {
    throw new RuleError(`is ${expr.length} characters; a rule may have at most ${LIMITS.ruleLength}`, 1, 1);
  }
  let brackets = 0;
  for (const c of expr) {
    if (c === '(' || c === '[' || c === '{') brackets++;
    else if (c === ')' || c === ']' || c === '}') brackets--;
    if (brackets > LIMITS.ruleDepth) throw new RuleError(`nests deeper than ${LIMITS.ruleDepth} levels`, 1, 1);
  }
  let parsed: ParsedExpr;
  try {
    parsed = parse(expr);
  } catch (e) {
    if (e instanceof RangeError) throw new RuleError(`nests deeper than ${LIMITS.ruleDepth} levels`, 1, 1);
    return; // not a size question: compileRule says where it does not parse
  }
  if (exprDepth(parsed.expr) > LIMITS.ruleDepth) {
    throw new RuleError(`nests deeper than ${LIMITS.ruleDepth} levels (a long chain of operators counts one level each)`, 1, 1);
  }
}

/** How deeply the expression tree nests, walked without recursion (the tree may be deep). */
function exprDepth(root: Expr | undefined): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    const isExpr = 'exprKind' in node;
    const d = isExpr ? depth + 1 : depth;
    if (d > max) max = d;
    if (max > LIMITS.ruleDepth) return max;
    for (const value of Object.values(node)) if (value !== null && typeof value === 'object') stack.push([value, d]);
  }
  return max;
}

export function compileRule(expr: string): CompiledRule {
  if (expr.trim() === '') throw new RuleError('the rule is empty', 1, 1);
  checkRuleLimits(expr);
  let parsed: ParsedExpr & { expr: Expr };
  try {
    parsed = parse(expr);
  } catch (e) {
    // The parser's own message points past the real mistake when a bracket is left open.
    const unbalanced = bracketProblem(expr);
    if (unbalanced) throw unbalanced;
    const message = e instanceof Error ? e.message : String(e);
    const m = /^<input>:(\d+):(\d+): ?(.*)$/s.exec(message);
    if (m) throw new RuleError(`does not parse: ${m[3]?.split('\n')[0] ?? ''}`, Number(m[1]), Number(m[2]) + 1);
    throw new RuleError(`does not parse: ${message.split('\n')[0] ?? ''}`, 1, 1);
  }
  const uses: Record<'coverage' | 'tests', MetricUse[]> = { coverage: [], tests: [] };
  let usesIssues = false;
  let usesSla = false;
  let issueQueries: IssueQuery[] | null = [];
  const at = (e: Expr, message: string): RuleError => {
    const offset = Number(parsed.sourceInfo?.positions[e.id.toString()] ?? 0);
    const { line, column } = lineColumn(expr, offset);
    return new RuleError(message, line, column);
  };

  function walk(e: Expr | undefined, bound: ReadonlySet<string>): void {
    if (!e) return;
    const k = e.exprKind;
    switch (k.case) {
      case 'identExpr':
        if (bound.has(k.value.name)) return;
        if (k.value.name === 'coverage' || k.value.name === 'tests') {
          throw at(e, `"${k.value.name}" needs a field, e.g. ${k.value.name === 'coverage' ? 'coverage.lines' : 'tests.failed'}`);
        }
        throw at(e, `unknown name "${k.value.name}" (a rule can use ${KNOWN})`);
      case 'selectExpr': {
        const operand = k.value.operand;
        const name = operand?.exprKind.case === 'identExpr' ? operand.exprKind.value.name : null;
        if (name !== null && isMetric(name) && !bound.has(name)) {
          useMetric(e, name, null, k.value.field);
          return;
        }
        // coverage("web").lines: a scope's figures.
        const call = operand?.exprKind.case === 'callExpr' ? operand.exprKind.value : null;
        if (call && !call.target && isMetric(call.function) && !bound.has(call.function)) {
          const scope = call.args.length === 1 ? stringLiteral(call.args[0]) : null;
          if (scope === null) throw at(operand ?? e, `${call.function}() takes one scope name in quotes, e.g. ${call.function}("web").${METRIC_FIELDS[call.function][0]}`);
          useMetric(e, call.function, scope, k.value.field);
          return;
        }
        walk(operand, bound);
        return;
      }
      case 'callExpr': {
        const { target, function: fn, args } = k.value;
        const onIssues = target?.exprKind.case === 'identExpr' && target.exprKind.value.name === 'issues' && !bound.has('issues');
        const onSla = target?.exprKind.case === 'identExpr' && target.exprKind.value.name === 'sla' && !bound.has('sla');
        if (!target && isMetric(fn)) {
          throw at(e, `${fn}("scope") needs a field, e.g. ${fn}("web").${METRIC_FIELDS[fn][0]}`);
        }
        if (onSla) {
          if (fn !== 'breached') throw at(e, `unknown function sla.${fn} (use sla.breached(), sla.breached(level) or sla.breached("severity"))`);
          usesSla = true;
          slaArgs(e, args);
        } else if (onIssues && fn === 'atLeast') {
          usesIssues = true;
          atLeastQuery(e, args);
        } else if (onIssues) {
          usesIssues = true;
          if (!(ISSUE_FUNCTIONS as readonly string[]).includes(fn)) {
            throw at(e, `unknown function issues.${fn} (use ${[...ISSUE_FUNCTIONS, 'atLeast'].map((f) => `issues.${f}`).join(', ')})`);
          }
          checkSeverityLiterals(fn, args);
          const arg = args.length === 0 ? undefined : literal(args[0]);
          if (arg === DYNAMIC) {
            issueQueries = null;
          } else {
            try {
              const q = issueQueryFor(fn as IssueFunction, arg);
              issueQueries?.push(q);
            } catch (err) {
              throw at(args[0] ?? e, err instanceof Error ? err.message : String(err));
            }
          }
        } else if (!target && (GLOBAL_FUNCTIONS as readonly string[]).includes(fn)) {
          if (args.length !== 1) throw at(e, `${fn}() takes one key, e.g. ${fn}("key")`);
        } else {
          walk(target, bound);
          if (!isOperator(fn) && !STD_FUNCTIONS.has(fn)) throw at(e, `unknown function ${fn}() (a rule can use ${KNOWN})`);
        }
        for (const a of args) walk(a, bound);
        return;
      }
      case 'listExpr':
        for (const el of k.value.elements) walk(el, bound);
        return;
      case 'structExpr':
        for (const entry of k.value.entries) {
          if (entry.keyKind.case === 'mapKey') walk(entry.keyKind.value, bound);
          walk(entry.value, bound);
        }
        return;
      case 'comprehensionExpr': {
        const c = k.value;
        walk(c.iterRange, bound);
        const inner = new Set([...bound, c.iterVar, c.iterVar2, c.accuVar].filter((v) => v !== ''));
        walk(c.accuInit, inner);
        walk(c.loopCondition, inner);
        walk(c.loopStep, inner);
        walk(c.result, inner);
        return;
      }
      default:
        return;
    }
  }

  function useMetric(e: Expr, name: 'coverage' | 'tests', scope: string | null, field: string): void {
    if (!METRIC_FIELDS[name].includes(field)) throw at(e, `unknown field ${name}.${field} (use ${METRIC_FIELDS[name].join(', ')})`);
    uses[name].push({ scope, field });
  }

  // issues.atLeast(60) / issues.atLeast(12, ["critical"]): the register holds at least that many.
  function atLeastQuery(e: Expr, args: readonly Expr[]): void {
    const n = args[0]?.exprKind.case === 'constExpr' ? args[0].exprKind.value.constantKind : null;
    if (args.length < 1 || args.length > 2 || n?.case !== 'int64Value' || n.value < 0n) {
      throw at(args[0] ?? e, 'issues.atLeast() takes a whole number and, optionally, a list of severities, e.g. issues.atLeast(60)');
    }
    checkSeverityLiterals('atLeast', args.slice(1));
    const arg = args.length === 2 ? literal(args[1]) : undefined;
    if (arg === DYNAMIC) issueQueries = null;
    else issueQueries?.push(issueQueryFor('total', arg));
  }

  // sla.breached() / sla.breached(2) / sla.breached("critical"): a literal is checked now.
  function slaArgs(e: Expr, args: readonly Expr[]): void {
    if (args.length > 1) throw at(args[1] as Expr, 'sla.breached() takes at most one argument: a level (2) or a severity ("critical")');
    const c = args[0]?.exprKind.case === 'constExpr' ? args[0].exprKind.value.constantKind : null;
    if (c?.case === 'int64Value' && c.value < 1n) throw at(args[0] ?? e, 'sla.breached(level) takes a level of 1 or more');
    if (c?.case === 'stringValue' && !(SEVERITIES as readonly string[]).includes(c.value)) {
      throw at(args[0] ?? e, `unknown severity "${c.value}" (use ${SEVERITIES.join(', ')})`);
    }
  }

  function checkSeverityLiterals(fn: string, args: readonly Expr[]): void {
    if (fn === 'count') return;
    if (args.length > 1) throw at(args[1] as Expr, `issues.${fn}() takes at most one list of severities`);
    const list = args[0];
    if (list?.exprKind.case !== 'listExpr') return;
    for (const el of list.exprKind.value.elements) {
      const c = el.exprKind.case === 'constExpr' ? el.exprKind.value.constantKind : null;
      if (c?.case === 'stringValue' && !(SEVERITIES as readonly string[]).includes(c.value)) {
        throw at(el, `unknown severity "${c.value}" (use ${SEVERITIES.join(', ')})`);
      }
    }
  }

  walk(parsed.expr, new Set());
  const compiled = { expr, parsed, usesCoverage: uses.coverage, usesTests: uses.tests, usesIssues, issueQueries, usesSla };
  dryRun(compiled, at);
  return compiled;
}

// Runs the rule once on a context where every source has data, to catch what only evaluation
// sees: a function called with the wrong argument types, or a rule that is not a condition.
function dryRun(rule: CompiledRule, at: (e: Expr, message: string) => RuleError): void {
  const sample = { value: 0, at: '1970-01-01T00:00:00.000Z' };
  const funcs: CelFunc[] = ruleFunctions(
    {
      countIssues: () => ({ count: 0, keys: [] }),
      metrics: { tests: [], coverage: [], failures: [] },
      kpis: { get: () => sample } as unknown as ReadonlyMap<string, typeof sample>,
      checklist: (key) => ({ key, done: true, passed: 1, failed: 0, unknown: 0, total: 1 }),
      sla: [],
    },
    [],
  );
  const coverage = new Map(COVERAGE_FIELDS.map((f) => [f, 50.5]));
  const tests = new Map(TEST_FIELDS.map((f) => [f, 1n]));
  funcs.push(...scopedMetricFunctions(() => coverage, () => tests));
  const result = plan(celEnv({ funcs }), rule.parsed)({ coverage, tests });
  const root = rule.parsed.expr as Expr;
  if (isCelError(result)) {
    const message = result.message;
    if (/overload|unbound|unresolved|no such|unknown/i.test(message)) {
      const node = result.exprId !== undefined ? findExpr(root, result.exprId) : undefined;
      throw at(node ?? root, message.replace(/^.*?: /, (p) => (p.length < 40 ? p : '')));
    }
    return;
  }
  if (typeof result !== 'boolean') {
    throw at(root, `a rule must be a condition (true or false), not a ${typeof result === 'bigint' ? 'number' : typeof result}: compare it, e.g. "issues.open() == 0"`);
  }
}

const DYNAMIC = Symbol('dynamic');

function stringLiteral(e: Expr | undefined): string | null {
  const c = e?.exprKind.case === 'constExpr' ? e.exprKind.value.constantKind : null;
  return c?.case === 'stringValue' ? c.value : null;
}

/** The value of a literal argument (a list of strings, or a map of strings, lists and booleans). */
function literal(e: Expr | undefined): IssueArg | typeof DYNAMIC {
  const k = e?.exprKind;
  const str = (x: Expr | undefined): string | null =>
    x?.exprKind.case === 'constExpr' && x.exprKind.value.constantKind.case === 'stringValue' ? x.exprKind.value.constantKind.value : null;
  const strList = (x: Expr | undefined): string[] | null => {
    if (x?.exprKind.case !== 'listExpr') return null;
    const out = x.exprKind.value.elements.map(str);
    return out.every((v): v is string => v !== null) ? out : null;
  };
  if (k?.case === 'listExpr') return strList(e) ?? DYNAMIC;
  if (k?.case === 'structExpr' && k.value.messageName === '') {
    const out: Record<string, string | string[] | boolean> = {};
    for (const entry of k.value.entries) {
      const key = entry.keyKind.case === 'mapKey' ? str(entry.keyKind.value) : null;
      if (key === null) return DYNAMIC;
      const v = entry.value;
      const c = v?.exprKind.case === 'constExpr' ? v.exprKind.value.constantKind : null;
      if (c?.case === 'boolValue') out[key] = c.value;
      else if (c?.case === 'stringValue') out[key] = c.value;
      else {
        const list = strList(v);
        if (!list) return DYNAMIC;
        out[key] = list;
      }
    }
    return out;
  }
  return DYNAMIC;
}

function findExpr(e: Expr | undefined, id: bigint): Expr | undefined {
  if (!e) return undefined;
  if (e.id === id) return e;
  const k = e.exprKind;
  const children: (Expr | undefined)[] =
    k.case === 'callExpr'
      ? [k.value.target, ...k.value.args]
      : k.case === 'selectExpr'
        ? [k.value.operand]
        : k.case === 'listExpr'
          ? k.value.elements
          : k.case === 'structExpr'
            ? k.value.entries.flatMap((en) => [en.keyKind.case === 'mapKey' ? en.keyKind.value : undefined, en.value])
            : k.case === 'comprehensionExpr'
              ? [k.value.iterRange, k.value.accuInit, k.value.loopCondition, k.value.loopStep, k.value.result]
              : [];
  for (const c of children) {
    const hit = findExpr(c, id);
    if (hit) return hit;
  }
  return undefined;
}

const CLOSING: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

function bracketProblem(text: string): RuleError | null {
  const open: { char: string; offset: number }[] = [];
  const chars = [...text];
  let quote: string | null = null;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] ?? '';
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c in CLOSING) open.push({ char: c, offset: i });
    else if (c === ')' || c === ']' || c === '}') {
      const last = open.pop();
      if (!last || CLOSING[last.char] !== c) {
        const { line, column } = lineColumn(text, i);
        return new RuleError(`does not parse: unexpected "${c}"${last ? ` (the "${last.char}" before it is not closed)` : ''}`, line, column);
      }
    }
  }
  const unclosed = open.pop();
  if (unclosed) {
    const { line, column } = lineColumn(text, unclosed.offset);
    return new RuleError(`does not parse: "${unclosed.char}" is never closed`, line, column);
  }
  if (quote) return new RuleError(`does not parse: a string is never closed`, 1, chars.length);
  return null;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const chars = [...text].slice(0, offset);
  const line = chars.filter((c) => c === '\n').length + 1;
  const lastNl = chars.lastIndexOf('\n');
  return { line, column: offset - lastNl };
}

/**
 * Refuses a rule that would not evaluate, naming where it goes wrong (exit 2 on the CLI).
 * `where` says which rule of a document it is, e.g. `document.checklists[0].items[2].rule`.
 */
export function validateRule(expr: string, where?: string): void {
  refuseRuleError(() => compileRule(expr), expr, where);
}

/** Only a rule's size and nesting (every save checks at least this, whatever else it checks). */
export function validateRuleLimits(expr: string, where?: string): void {
  refuseRuleError(() => checkRuleLimits(expr), expr, where);
}

function refuseRuleError(check: () => unknown, expr: string, where?: string): void {
  try {
    check();
  } catch (e) {
    if (!(e instanceof RuleError)) throw e;
    const shown = expr.length > 80 ? `${JSON.stringify(expr.slice(0, 60))}…` : JSON.stringify(expr);
    const message = `rule ${shown} at ${e.line}:${e.column}: ${e.message}`;
    throw badInput(where ? `${where}: ${message}` : message);
  }
}
