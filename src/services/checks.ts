// Checklists and gates: read the lists and the rule context, evaluate, and tick or untick the
// manual items with who and when.
import { badInput, notFound, PunchlistError } from '../domain/errors.js';
import type { Project } from '../domain/model.js';
import type { Store, StoreSession } from '../domain/ports.js';
import { validateRule } from '../rules/compile.js';
import { type ItemEvaluation, evaluateItem } from '../rules/evaluate-rule.js';
import { type GateResult, evaluateGate } from '../rules/gate.js';
import { type RuleList, findList } from '../rules/project.js';
import { loadRuleWorld, ruleLists } from './evaluate.js';

export function requireList(lists: readonly RuleList[], key: string): RuleList {
  const list = findList(lists, key);
  if (list) return list;
  const known = lists.map((l) => l.key);
  throw notFound(`no checklist or phase "${key}"${known.length ? ` (known: ${known.join(', ')})` : ' (the project has none yet)'}`);
}

/** ITEM is a 1-based position or a fragment of the item's text that matches exactly one item. */
export function resolveItem(list: RuleList, ref: string): number {
  const trimmed = ref.trim();
  if (/^\d+$/.test(trimmed)) {
    const n = Number(trimmed);
    if (n < 1 || n > list.items.length) throw badInput(`item: ${list.key} has ${list.items.length} item(s); ${n} is out of range`);
    return n - 1;
  }
  const needle = trimmed.toLowerCase();
  const hits = list.items.map((item, i) => ({ item, i })).filter(({ item }) => item.text.toLowerCase().includes(needle));
  const exact = hits.filter(({ item }) => item.text.toLowerCase() === needle);
  const pick = exact.length === 1 ? exact : hits;
  if (pick.length === 1 && pick[0]) return pick[0].i;
  if (pick.length === 0) throw badInput(`item: no item of ${list.key} contains "${ref}"`);
  const names = pick.slice(0, 5).map(({ item, i }) => `${i + 1}. ${item.text}`);
  throw badInput(`item: "${ref}" matches ${pick.length} items of ${list.key} (${names.join('; ')}); use its number`);
}

export async function runGate(session: StoreSession, project: Project, key: string, options: { allowUnknown?: boolean } = {}): Promise<GateResult> {
  const world = await loadRuleWorld(session, project);
  const list = requireList(world.lists, key);
  return evaluateGate(list, list.items, world.ctx, options);
}

export async function listChecks(session: StoreSession, project: Project, key?: string): Promise<GateResult[]> {
  const world = await loadRuleWorld(session, project);
  const lists = key ? [requireList(world.lists, key)] : world.lists;
  return lists.map((l) => evaluateGate(l, l.items, world.ctx));
}

export interface TickResult {
  list: string;
  index: number;
  text: string;
  done: boolean;
  changed: boolean;
}

export async function setChecked(
  store: Store,
  project: Project,
  listKey: string,
  itemRef: string,
  done: boolean,
  change: { actor: string; at?: string },
): Promise<TickResult> {
  const at = change.at ?? new Date().toISOString();
  return store.write(async (tx) => {
    const sections = await tx.sections.load(project.id);
    const list = requireList(ruleLists(sections), listKey);
    const index = resolveItem(list, itemRef);
    const item = list.items[index];
    if (!item) throw badInput(`item: no item ${index + 1} in ${list.key}`);
    if (item.rule) {
      throw new PunchlistError(
        'bad_input',
        `item ${index + 1} of ${list.key} ("${item.text}") is computed by its rule \`${item.rule}\`; it passes when the rule does`,
      );
    }
    const result = { list: list.key, index, text: item.text, done };
    if (item.done === done) return { ...result, changed: false };
    await tx.tracking.setItemDone(
      project.id,
      { listType: list.listType, listKey: list.key, ord: index },
      done ? { done, by: change.actor, at } : { done, by: null, at: null },
    );
    await tx.events.append(project.id, [
      {
        actor: change.actor,
        at,
        action: done ? 'check.ticked' : 'check.unticked',
        entity: list.listType,
        entityKey: list.key,
        data: { item: index + 1, text: item.text, before: { done: item.done, doneBy: item.doneBy }, after: { done } },
      },
    ]);
    return { ...result, changed: true };
  });
}

/** Tries a rule on the live project without saving it: refused like at save time when invalid. */
export async function tryRule(session: StoreSession, project: Project, rule: string): Promise<ItemEvaluation> {
  validateRule(rule);
  const item = { text: rule, rule, done: false, doneBy: null, doneAt: null };
  const world = await loadRuleWorld(session, project, [{ listType: 'checklist', key: '(rule)', title: 'rule', items: [item] }]);
  return evaluateItem(item, world.ctx);
}
