// The functions a rule may call, bound to one RuleContext. Each call also notes what it saw
// ("3 open: C001, C003, M002") so a failing rule can say why, and raises NoData when there is
// nothing to judge by (the rule is then unknown, not failed).
import { type CelFunc, type CelValue, CelScalar, celFunc, isCelList, isCelMap, listType, mapType } from '@bufbuild/cel';
import { SEVERITIES, STATUSES, type Severity, type Status } from '../domain/enums.js';
import type { RuleContext } from './context.js';
import { type IssueQuery, KEY_SAMPLE, normaliseQuery } from './issue-query.js';

/** Thrown inside a rule function when the data it needs is not there yet. */
export class NoData extends Error {
  constructor(
    message: string,
    readonly fix: string | null,
  ) {
    super(message);
  }
}

export const ISSUE_FUNCTIONS = ['open', 'resolved', 'total', 'count'] as const;
export type IssueFunction = (typeof ISSUE_FUNCTIONS)[number];
export const GLOBAL_FUNCTIONS = ['kpi', 'checklist'] as const;
export const COUNT_FILTER_KEYS = ['severity', 'status', 'phase', 'label', 'open'] as const;

export interface Observation {
  text: string;
  /** The obvious fix, when the observation shows one. */
  fix: string | null;
  /** The whole rule is unknown, whatever the rest of it says (a count target the register cannot meet). */
  unknown?: boolean;
}

export function listKeys(keys: readonly string[], total: number = keys.length): string {
  const shown = keys.slice(0, KEY_SAMPLE);
  return total > shown.length ? `${shown.join(', ')} and ${total - shown.length} more` : shown.join(', ');
}

/** A plain argument of an issues.* call: a list of severities, or a count filter. */
export type IssueArg = readonly string[] | Readonly<Record<string, string | readonly string[] | boolean>> | undefined;

const isStrings = (v: unknown): v is readonly string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

function strings(key: string, v: string | readonly string[] | boolean | undefined): string[] | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'string') return [v];
  if (isStrings(v)) return [...v];
  throw new Error(`issues.count "${key}" takes a string or a list of strings`);
}

function severities(values: readonly string[] | undefined): Severity[] | undefined {
  for (const v of values ?? []) {
    if (!(SEVERITIES as readonly string[]).includes(v)) throw new Error(`unknown severity "${v}" (use ${SEVERITIES.join(', ')})`);
  }
  return values as Severity[] | undefined;
}

/** The question an issues.* call asks; throws on an unknown severity, status or filter key. */
export function issueQueryFor(fn: IssueFunction, arg: IssueArg): IssueQuery {
  if (fn !== 'count') {
    if (arg !== undefined && !isStrings(arg)) throw new Error(`issues.${fn}() takes a list of severities`);
    const severity = severities(arg);
    const base: IssueQuery = severity ? { severity } : {};
    if (fn === 'open') return { ...base, open: true };
    if (fn === 'resolved') return { ...base, status: ['resolved'] };
    return base;
  }
  if (arg === undefined || isStrings(arg)) throw new Error('issues.count takes a map, e.g. {"status": "blocked"}');
  const q: IssueQuery = {};
  for (const [k, v] of Object.entries(arg)) {
    if (!(COUNT_FILTER_KEYS as readonly string[]).includes(k)) {
      throw new Error(`unknown issues.count filter "${k}" (use ${COUNT_FILTER_KEYS.join(', ')})`);
    }
    if (k === 'open') {
      if (typeof v !== 'boolean') throw new Error('issues.count "open" takes true or false');
      q.open = v;
    } else if (k === 'severity') {
      q.severity = severities(strings(k, v));
    } else if (k === 'status') {
      const st = strings(k, v) ?? [];
      for (const x of st) if (!(STATUSES as readonly string[]).includes(x)) throw new Error(`unknown status "${x}" (use ${STATUSES.join(', ')})`);
      q.status = st as Status[];
    } else if (k === 'phase') {
      q.phase = strings(k, v);
    } else {
      q.label = strings(k, v);
    }
  }
  return normaliseQuery(q);
}

function plain(value: CelValue | undefined): IssueArg {
  if (value === undefined) return undefined;
  if (isCelList(value)) return [...value].map((v) => (typeof v === 'string' ? v : String(v)));
  if (isCelMap(value)) {
    const out: Record<string, string | string[] | boolean> = {};
    for (const [k, v] of value.entries()) {
      out[String(k)] = typeof v === 'string' || typeof v === 'boolean' ? v : isCelList(v) ? [...v].map(String) : String(v);
    }
    return out;
  }
  throw new Error('issues functions take a list or a map');
}

function describe(fn: IssueFunction, q: IssueQuery): string {
  if (fn !== 'count') {
    const sev = q.severity?.length ? ` ${q.severity.join('/')}` : '';
    if (fn === 'open') return `open${sev}`;
    if (fn === 'resolved') return `resolved${sev}`;
    return `${sev.trim() ? `${sev.trim()} ` : ''}issues in total`;
  }
  const parts = Object.entries(q).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('|') : String(v)}`);
  return `matching ${parts.join(', ')}`;
}

export function ruleFunctions(ctx: RuleContext, seen: Observation[]): CelFunc[] {
  const issueCmd = (q: IssueQuery): string =>
    `punchlist issue list --open${q.severity?.length ? ` --severity ${q.severity.join(',')}` : ''}${q.phase?.length === 1 ? ` --phase ${q.phase[0]}` : ''}`;

  // "0 critical issues remaining" on a register that holds nothing, and was never fed by a tool,
  // rests on no evidence: the rule is unknown, not passed.
  function noRegister(): boolean {
    const r = ctx.metrics.register;
    if (r === undefined || r.issues || r.toolRuns) return false;
    seen.push({
      text: 'the register is empty: no issues imported or added, and no tool output ingested, so there is nothing to judge by',
      fix: 'import the audit (punchlist import FILE) or ingest tool output (punchlist ingest FILE)',
      unknown: true,
    });
    return true;
  }

  function issues(fn: IssueFunction, arg: CelValue | undefined): bigint {
    const q = issueQueryFor(fn, plain(arg));
    if (noRegister()) return 0n;
    const { count, keys } = ctx.countIssues(q);
    const what = describe(fn, q);
    const listed = fn === 'open' || fn === 'count';
    seen.push({
      text: listed && count > 0 ? `${count} ${what}: ${listKeys(keys, count)}` : `${count} ${what}`,
      fix: listed && count > 0 ? (fn === 'open' ? `resolve or re-triage ${listKeys(keys, count)} (${issueCmd(q)})` : `look at ${listKeys(keys, count)}`) : null,
    });
    return BigInt(count);
  }

  // "All 60 issues resolved" names a count: a register holding fewer cannot prove it.
  function atLeast(n: bigint, arg: CelValue | undefined): boolean {
    const q = issueQueryFor('total', plain(arg));
    if (noRegister()) return false;
    const { count } = ctx.countIssues(q);
    const what = q.severity?.length ? `${q.severity.join('/')} issues` : 'issues';
    if (BigInt(count) >= n) {
      seen.push({ text: `${count} ${what} in the register (the target names ${n})`, fix: null });
      return true;
    }
    seen.push({
      text: `the target names ${n} ${what}; the register holds ${count}`,
      fix: 'import or ingest the rest of the register, or correct the number in the target',
      unknown: true,
    });
    return false;
  }

  function kpi(key: string): number {
    const reading = ctx.kpis.get(key);
    if (!reading) {
      throw new NoData(`no value recorded for KPI "${key}"`, `punchlist kpi record ${key} VALUE`);
    }
    seen.push({ text: `${key} = ${reading.value} (recorded ${reading.at.slice(0, 10)})`, fix: null });
    return reading.value;
  }

  function checklist(key: string): Map<string, boolean | bigint> {
    const state = ctx.checklist(key);
    if (!state) throw new NoData(`no checklist or phase "${key}"`, 'punchlist check list');
    if (!state.done && state.failed === 0 && state.unknown > 0) {
      throw new NoData(`checklist "${key}" has ${state.unknown} item(s) without data`, `punchlist gate ${key}`);
    }
    seen.push({
      text: `checklist "${key}": ${state.passed} of ${state.total} items pass`,
      fix: state.done ? null : `punchlist gate ${key}`,
    });
    return new Map<string, boolean | bigint>([
      ['done', state.done],
      ['passed', BigInt(state.passed)],
      ['total', BigInt(state.total)],
    ]);
  }

  // sla.breached(): open issues whose escalation window ran out, as the sweeps recorded them.
  function breached(arg: bigint | string | undefined): bigint {
    if (ctx.sla === undefined || ctx.sla === null) {
      throw new NoData('no escalation sweep has run for this project, so no SLA breach is known', 'punchlist escalate (or punchlist serve, which sweeps on a schedule)');
    }
    let rows = ctx.sla;
    let what = 'in breach of an escalation level';
    if (typeof arg === 'bigint') {
      if (arg < 1n) throw new Error('sla.breached(level) takes a level of 1 or more');
      rows = rows.filter((r) => BigInt(r.level) === arg);
      what = `in breach of escalation level ${arg}`;
    } else if (typeof arg === 'string') {
      severities([arg]);
      rows = rows.filter((r) => r.severity === arg);
      what = `${arg} in breach of an escalation level`;
    }
    const keys = [...new Set(rows.map((r) => r.issueKey))].sort();
    seen.push({
      text: keys.length > 0 ? `${keys.length} open ${keys.length === 1 ? 'issue' : 'issues'} ${what}: ${listKeys(keys)}` : `no open issue ${what}`,
      fix: keys.length > 0 ? `resolve or acknowledge ${listKeys(keys)} (punchlist sla)` : null,
    });
    return BigInt(keys.length);
  }

  const STR_LIST = listType(CelScalar.STRING);
  return [
    celFunc('issues.open', [], CelScalar.INT, () => issues('open', undefined)),
    celFunc('issues.open', [STR_LIST], CelScalar.INT, (l) => issues('open', l)),
    celFunc('issues.resolved', [], CelScalar.INT, () => issues('resolved', undefined)),
    celFunc('issues.resolved', [STR_LIST], CelScalar.INT, (l) => issues('resolved', l)),
    celFunc('issues.total', [], CelScalar.INT, () => issues('total', undefined)),
    celFunc('issues.total', [STR_LIST], CelScalar.INT, (l) => issues('total', l)),
    celFunc('issues.count', [mapType(CelScalar.STRING, CelScalar.DYN)], CelScalar.INT, (m) => issues('count', m)),
    celFunc('issues.atLeast', [CelScalar.INT], CelScalar.BOOL, (n) => atLeast(n, undefined)),
    celFunc('issues.atLeast', [CelScalar.INT, STR_LIST], CelScalar.BOOL, (n, l) => atLeast(n, l)),
    celFunc('sla.breached', [], CelScalar.INT, () => breached(undefined)),
    celFunc('sla.breached', [CelScalar.INT], CelScalar.INT, (n) => breached(n)),
    celFunc('sla.breached', [CelScalar.STRING], CelScalar.INT, (sev) => breached(sev)),
    celFunc('kpi', [CelScalar.STRING], CelScalar.DOUBLE, (k) => kpi(k)),
    celFunc('checklist', [CelScalar.STRING], mapType(CelScalar.STRING, CelScalar.DYN), (k) => checklist(k)),
  ];
}

type MetricMap = Map<string, number | bigint>;

/** coverage("scope") and tests("scope"): the figures of one scope, as maps a rule selects from. */
export function scopedMetricFunctions(coverage: (scope: string) => MetricMap, tests: (scope: string) => MetricMap): CelFunc[] {
  return [
    celFunc('coverage', [CelScalar.STRING], mapType(CelScalar.STRING, CelScalar.DYN), (s) => coverage(s)),
    celFunc('tests', [CelScalar.STRING], mapType(CelScalar.STRING, CelScalar.DYN), (s) => tests(s)),
  ];
}
