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
  /** Whether items without evidence were let through (`gate --allow-unknown`). */
  allowUnknown: boolean;
  /** Why the gate as a whole cannot be judged (an empty checklist), else null. */
  reason: string | null;
  counts: { pass: number; fail: number; unknown: number };
  items: GateItem[];
}

export function evaluateGate(
  gate: { key: string; title: string; listType: 'phase' | 'checklist' },
  items: readonly CheckItem[],
  ctx: RuleContext,
  options: { allowUnknown?: boolean } = {},
): GateResult {
  const allowUnknown = options.allowUnknown === true;
  const out = items.map((item, index): GateItem => {
    const e = evaluateItem(item, ctx);
    const fix = e.fix ?? (e.manual && e.status === 'fail' ? `punchlist check tick ${gate.key} ${index + 1}` : null);
    return { index, text: item.text, rule: item.rule, status: e.status, reason: e.reason, fix, manual: e.manual };
  });
  const counts = { pass: 0, fail: 0, unknown: 0 };
  for (const i of out) counts[i.status]++;
  // Nothing to judge is no evidence that the gate is open: an empty list is unknown, not a pass.
  const reason = out.length === 0 ? `${gate.listType} "${gate.key}" has no items: there is nothing to pass; add items (punchlist import, apply -f)` : null;
  const unknown = counts.unknown > 0 || reason !== null;
  const passed = counts.fail === 0 && (!unknown || allowUnknown);
  return { gate: gate.key, title: gate.title, passed, allowUnknown, reason, counts, items: out };
}

/** The JSON CI reads: exactly these fields (docs/rules.md). */
export function gateJson(result: GateResult): {
  gate: string;
  passed: boolean;
  allowUnknown: boolean;
  reason: string | null;
  items: { text: string; rule: string | null; status: string; reason: string | null }[];
} {
  return {
    gate: result.gate,
    passed: result.passed,
    allowUnknown: result.allowUnknown,
    reason: result.reason,
    items: result.items.map((i) => ({ text: i.text, rule: i.rule, status: i.status, reason: i.reason })),
  };
}
