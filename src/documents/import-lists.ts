// Lists: task lists (phase tasks, checklists, targets), bold-label lists (teams, hour budgets,
// risks), escalation paths and contacts, deliverables, actions and next steps.
import type { List, ListItem, RootContent } from 'mdast';
import type { CheckItem } from '../domain/document.js';
import { LIMITS } from '../domain/limits.js';
import { addAction } from './import-actions.js';
import type { Pending } from './import-blocks.js';
import { addNote, checkItem, findChecklist, type ImportState, isTarget, type SectionContext } from './import-context.js';
import { addLevel, policyDefaults, readLevel, severitiesIn, splitContacts } from './import-escalation.js';
import { readFieldLine, readLevelField } from './import-fields.js';
import { isPhaseHeading, isWindowHeading, readHours } from './import-phases.js';
import { addTeam } from './import-teams.js';
import { readIssueBullets, readRiskBullets } from './import-bullets.js';
import { readLine, splitLines, textOf, type InlineLine } from './inline.js';
import { recordListEnd, recordTask } from './skeleton-record.js';
import { sourceOf } from './markdown-tree.js';

const note = (state: ImportState, ctx: SectionContext, node: RootContent | ListItem): void =>
  addNote(state, ctx.section, sourceOf(state.source, node), node.position?.start.offset);

interface Item {
  node: ListItem;
  line: InlineLine;
  text: string;
  checked: boolean | null;
  /** What the item holds beyond its first paragraph (nested lists, more paragraphs). */
  rest: RootContent[];
}

// A rendered report appends the live state of a ruled item (`· _live: ✅ pass_`) and who ticked
// it (`· _done: Ana, 2026-03-01_`); both come from the store, so reading them back drops them.
function itemsOf(list: List, allowPlainLabel: boolean): Item[] {
  return list.children.map((node) => {
    const [first, ...rest] = node.children;
    let phrasing = first?.type === 'paragraph' ? [...first.children] : [];
    for (let guard = 0; guard < 2; guard++) {
      const tail = phrasing[phrasing.length - 1];
      if (!(tail?.type === 'emphasis' && /^(live|done):/.test(textOf(tail)))) break;
      phrasing = phrasing.slice(0, -1);
      const before = phrasing[phrasing.length - 1];
      if (before?.type === 'text') phrasing[phrasing.length - 1] = { ...before, value: before.value.replace(/\s*·\s*$/, '') };
    }
    const firstLine = splitLines(phrasing)[0] ?? [];
    const line = readLine(firstLine, allowPlainLabel);
    const text = textOf(phrasing).replace(/\s+/g, ' ').trim();
    return { node, line, text, checked: node.checked ?? null, rest: first?.type === 'paragraph' ? rest : node.children };
  });
}

export function readList(state: ImportState, ctx: SectionContext, list: List, pending: Pending | null): void {
  const listNode = list;
  const items = itemsOf(list, ctx.inEscalation);
  const isTaskList = items.some((i) => i.checked !== null);
  const allLabelled = items.length > 0 && items.every((i) => i.line.label !== null);
  const keepRest = (item: Item) => item.rest.forEach((node) => note(state, ctx, node));
  const take = (item: Item, apply: () => void) => {
    if (item.text === '') return note(state, ctx, item.node);
    apply();
    keepRest(item);
  };

  if (pending) {
    const label = pending.label;
    if (ctx.phase && /^deliverables?$/i.test(label) && !isTaskList) {
      for (const item of items) take(item, () => ctx.phase!.deliverables.push(item.text.slice(0, 2_000)));
      return;
    }
    if (/^next steps?$/i.test(label) && !isTaskList) {
      for (const item of items) take(item, () => addAction(state, item.text, 'next_step'));
      return;
    }
    if (/actions?$/i.test(label) && !isTaskList) {
      for (const item of items) take(item, () => addAction(state, item.text, 'action'));
      return;
    }
    if (isTaskList) {
      const checklist = findChecklist(state, label.slice(0, LIMITS.titleLength), sectionTitle(ctx));
      addTasks(state, ctx, 'checklist', checklist, items);
      recordListEnd(state, 'checklist', checklist.key, list, checklist.items.length);
      return;
    }
    addNote(state, ctx.section, pending.source, pending.at);
  }

  if (readIssueBullets(state, ctx, list)) return;
  if (isTaskList) {
    const inPhase = ctx.phase !== null && ctx.kind !== 'targets';
    const list = inPhase ? { key: ctx.phase!.key, items: ctx.phase!.items } : checklistFor(state, ctx);
    addTasks(state, ctx, inPhase ? 'phase' : 'checklist', list, items);
    recordListEnd(state, inPhase ? 'phase' : 'checklist', list.key, listNode, list.items.length);
    return;
  }
  if (ctx.kind === 'standup') return;

  if (allLabelled && items.every((i) => readHours(i.line.value) !== null) && items.some((i) => isPhaseHeading(i.line.label!) || isWindowHeading(i.line.label!) || /week|day|sprint|month/i.test(i.line.label!))) {
    for (const item of items) take(item, () => state.hours.push({ label: item.line.label!, hours: readHours(item.line.value)! }));
    return;
  }
  if (ctx.level) {
    for (const item of items) {
      if (!readLevelField(ctx, item.line)) note(state, ctx, item.node);
      else keepRest(item);
    }
    return;
  }
  if (ctx.inEscalation && list.ordered) {
    const start = list.start ?? 1;
    items.forEach((item, i) => {
      const level = readLevel(item.text);
      if (level) return take(item, () => addLevel(state, level));
      const contact = item.line.label ?? item.text;
      const scope = item.line.label !== null ? item.line.value : '';
      take(item, () =>
        addLevel(state, {
          level: Math.min(100, Math.max(1, start + i)),
          afterMinutes: null,
          scope: scope === '' ? null : scope.slice(0, 2_000),
          severities: severitiesIn(scope),
          contacts: splitContacts(contact),
          resolution: null,
          ...policyDefaults(),
        }),
      );
    });
    return;
  }
  if (ctx.inEscalation && items.every((i) => readLevel(i.text) !== null)) {
    for (const item of items) take(item, () => addLevel(state, readLevel(item.text)!));
    return;
  }
  if (ctx.inTeams && allLabelled) {
    for (const item of items) take(item, () => addTeam(state, item.line));
    return;
  }
  if (ctx.inRisks && readRiskBullets(state, ctx, items.map((i) => ({ title: i.line.label, value: i.line.value, rest: i.rest.length })))) {
    for (const item of items) keepRest(item);
    return;
  }
  if (ctx.inRisks && allLabelled && items.some((i) => /^risks?$/i.test(i.line.label!))) {
    for (const item of items) {
      const claimed = readFieldLine(state, ctx, { ...item.line, source: '' });
      if (claimed) keepRest(item);
      else note(state, ctx, item.node);
    }
    return;
  }
  if (ctx.kind === 'actions' || ctx.inActions) {
    for (const item of items) take(item, () => addAction(state, item.text, 'action'));
    return;
  }
  if (ctx.phase && ctx.kind === 'phase') {
    for (const item of items) take(item, () => ctx.phase!.deliverables.push(item.text.slice(0, 2_000)));
    return;
  }
  // Launch criteria written as a plain list of measurable targets are a checklist with rules.
  if (items.length > 0 && items.every((i) => i.rest.length === 0 && isTarget(i.text))) {
    const checklist = checklistFor(state, ctx);
    addTasks(state, ctx, 'checklist', checklist, items);
    recordListEnd(state, 'checklist', checklist.key, listNode, checklist.items.length);
    return;
  }
  note(state, ctx, list);
}

/**
 * Tasks of one list. Sub-tasks (a task list nested under a task) are items of the same list, in
 * reading order: a checklist has no depth, and a sub-task is as much to do as its parent.
 */
function addTasks(state: ImportState, ctx: SectionContext, l: 'phase' | 'checklist', list: { key: string; items: CheckItem[] }, items: Item[]): void {
  for (const item of items) {
    if (item.text === '') {
      note(state, ctx, item.node);
      continue;
    }
    const done = item.checked === true;
    list.items.push(checkItem(state, item.text, done, kpiPhase(ctx)));
    recordTask(state, l, list.key, list.items.length - 1, item.node, done);
    for (const node of item.rest) {
      if (node.type === 'list' && node.children.some((c) => c.checked !== null && c.checked !== undefined)) {
        addTasks(state, ctx, l, list, itemsOf(node, ctx.inEscalation));
      } else {
        note(state, ctx, node);
      }
    }
  }
}

function checklistFor(state: ImportState, ctx: SectionContext) {
  const section = ctx.section;
  const title = section.heading ? section.title : 'Checklist';
  return findChecklist(state, title.slice(0, LIMITS.titleLength) || 'Checklist', section.heading ? sectionTitle({ ...ctx, section: section.parent ?? section }) : null);
}

function sectionTitle(ctx: SectionContext): string | null {
  const s = ctx.section;
  return s.heading && s.path.length > 0 ? s.title.slice(0, LIMITS.titleLength) : null;
}

function kpiPhase(ctx: SectionContext): string | null {
  return ctx.targetPhase ?? ctx.phase?.key ?? null;
}

