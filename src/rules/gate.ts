// A gate is any checklist (or phase) judged as a whole: it passes when every item passes.
// Pure: the service reads the items and the context, this decides.
import type { CheckItem } from '../domain/document.js';
import type { RuleContext } from './context.js';
import { type ItemEvaluation, evaluateItem } from './evaluate-rule.js';

export interface GateItem {
  index: number;
  text: string;
  rule: string | null;
  status: ItemEvaluation['status'];
  reason: string | null;
  fix: string | null;
  manual: boolean;
}

export interface GateResult {
  gate: string;
  title: string;
  passed: boolean;
  counts: { pass: number; fail: number; unknown: number };
  items: GateItem[];
}

export function evaluateGate(
  gate: { key: string; title: string; listType: 'phase' | 'checklist' },
  items: readonly CheckItem[],
  ctx: RuleContext,
): GateResult {
  const out = items.map((item, index): GateItem => {
    const e = evaluateItem(item, ctx);
    const fix = e.fix ?? (e.manual && e.status === 'fail' ? `punchlist check tick ${gate.key} ${index + 1}` : null);
    return { index, text: item.text, rule: item.rule, status: e.status, reason: e.reason, fix, manual: e.manual };
  });
  const counts = { pass: 0, fail: 0, unknown: 0 };
  for (const i of out) counts[i.status]++;
  return { gate: gate.key, title: gate.title, passed: counts.fail === 0 && counts.unknown === 0, counts, items: out };
}

/** The JSON CI reads: exactly these fields (docs/rules.md). */
export function gateJson(result: GateResult): {
  gate: string;
  passed: boolean;
  items: { text: string; rule: string | null; status: string; reason: string | null }[];
} {
  return {
    gate: result.gate,
    passed: result.passed,
    items: result.items.map((i) => ({ text: i.text, rule: i.rule, status: i.status, reason: i.reason })),
  };
}
