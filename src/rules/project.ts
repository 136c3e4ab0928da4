// Evaluates every checklist and phase item of a project at once, each list at most once even
// when rules refer to other lists with checklist("key"), and reports each KPI against its target.
import type { CheckItem } from '../domain/document.js';
import type { Comparator } from '../domain/enums.js';
import type { SlaBreach } from '../domain/escalation-port.js';
import type { IssueFact, KpiValue, LatestMetrics, ListType } from '../domain/tracking-port.js';
import { type ChecklistState, type RuleContext, type RuleContextSummary, buildRuleContext, summarise } from './context.js';
import { type ItemEvaluation, evaluateItem } from './evaluate-rule.js';
import { NoData } from './functions.js';
import type { IssueCounter } from './issue-query.js';

export interface RuleList {
  listType: ListType;
  key: string;
  title: string;
  items: readonly CheckItem[];
}

export interface KpiTarget {
  key: string;
  target: number | null;
  comparator: Comparator | null;
}

export interface KpiStatus {
  value: number | null;
  at: string | null;
  onTrack: boolean | null;
}

export interface ProjectEvaluation {
  /** Keyed `${listType}:${listKey}:${index}` (index 0-based). */
  items: Map<string, ItemEvaluation>;
  kpis: Map<string, KpiStatus>;
  context: RuleContextSummary;
}

export const itemKey = (listType: ListType, listKey: string, index: number): string => `${listType}:${listKey}:${index}`;

/** A checklist by key, else a phase by key; keys match case-insensitively. */
export function findList(lists: readonly RuleList[], key: string): RuleList | null {
  const exact = (t: ListType) => lists.find((l) => l.listType === t && l.key === key);
  const loose = (t: ListType) => lists.find((l) => l.listType === t && l.key.toLowerCase() === key.toLowerCase());
  return exact('checklist') ?? exact('phase') ?? loose('checklist') ?? loose('phase') ?? null;
}

export function isOnTrack(value: number, comparator: Comparator | null, target: number | null): boolean | null {
  if (target === null) return null;
  switch (comparator ?? '>=') {
    case '>=':
      return value >= target;
    case '<=':
      return value <= target;
    case '>':
      return value > target;
    case '<':
      return value < target;
    case '==':
      return value === target;
  }
}

/** A rule context whose checklist("key") evaluates other lists on demand, once each. */
export function projectRuleContext(
  lists: readonly RuleList[],
  issues: readonly IssueFact[] | IssueCounter,
  metrics: LatestMetrics,
  kpiValues: readonly KpiValue[],
  sla: readonly SlaBreach[] | null = null,
): { ctx: RuleContext; evaluateList: (list: RuleList) => ItemEvaluation[] } {
  const done = new Map<RuleList, ItemEvaluation[]>();
  const inProgress = new Set<RuleList>();

  function evaluateList(list: RuleList): ItemEvaluation[] {
    const cached = done.get(list);
    if (cached) return cached;
    if (inProgress.has(list)) throw new NoData(`checklist "${list.key}" refers back to itself`, 'break the cycle of checklist() rules');
    inProgress.add(list);
    try {
      const result = list.items.map((item) => evaluateItem(item, ctx));
      done.set(list, result);
      return result;
    } finally {
      inProgress.delete(list);
    }
  }

  function checklist(key: string): ChecklistState | null {
    const list = findList(lists, key);
    if (!list) return null;
    const evals = evaluateList(list);
    const count = (s: ItemEvaluation['status']) => evals.filter((e) => e.status === s).length;
    const passed = count('pass');
    return { key: list.key, done: passed === evals.length, passed, failed: count('fail'), unknown: count('unknown'), total: evals.length };
  }

  const ctx = buildRuleContext(issues, metrics, kpiValues, checklist, sla);
  return { ctx, evaluateList };
}

export function evaluateLists(
  lists: readonly RuleList[],
  kpiTargets: readonly KpiTarget[],
  issues: readonly IssueFact[] | IssueCounter,
  metrics: LatestMetrics,
  kpiValues: readonly KpiValue[],
  sla: readonly SlaBreach[] | null = null,
): ProjectEvaluation {
  const { ctx, evaluateList } = projectRuleContext(lists, issues, metrics, kpiValues, sla);
  const items = new Map<string, ItemEvaluation>();
  for (const list of lists) {
    evaluateList(list).forEach((e, i) => items.set(itemKey(list.listType, list.key, i), e));
  }
  const kpis = new Map<string, KpiStatus>();
  for (const k of kpiTargets) {
    const reading = ctx.kpis.get(k.key);
    kpis.set(k.key, {
      value: reading?.value ?? null,
      at: reading?.at ?? null,
      onTrack: reading ? isOnTrack(reading.value, k.comparator, k.target) : null,
    });
  }
  return { items, kpis, context: summarise(ctx) };
}
