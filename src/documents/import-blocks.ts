// Reads the blocks of one section in order. Each reader claims what it understands; whatever is
// left is kept, as written, as a note of that section — nothing is dropped silently.
import type { Code, List, ListItem, Paragraph, RootContent } from 'mdast';
import { LIMITS } from '../domain/limits.js';
import { addAction } from './import-actions.js';
import { addNote, checkItem, findChecklist, type ImportState, type SectionContext } from './import-context.js';
import { addLevel, readLevel, severitiesIn, splitContacts } from './import-escalation.js';
import { labelIs, paragraphLines, readLine, splitLines, textOf, type InlineLine, type SourcedLine } from './inline.js';
import { isPhaseHeading, readHours } from './import-phases.js';
import { readIssueTable, readKpiTable } from './import-register.js';
import { sourceOf } from './markdown-tree.js';

interface Pending {
  label: string;
  source: string;
}

export function readBlocks(state: ImportState, ctx: SectionContext): void {
  const blocks = ctx.section.blocks;
  if (ctx.kind === 'standup') {
    if (blocks.length > 0) state.computed += 1;
    return;
  }
  if (ctx.kind === 'notes') {
    readNotesSection(state, ctx);
    return;
  }
  let pending: Pending | null = null;
  for (const block of blocks) {
    if (pending && block.type !== 'list') {
      addNote(state, ctx.section, pending.source);
      pending = null;
    }
    switch (block.type) {
      case 'paragraph':
        pending = readParagraph(state, ctx, block);
        break;
      case 'list':
        readList(state, ctx, block, pending);
        pending = null;
        break;
      case 'table':
        if (!(ctx.kind === 'targets' && readKpiTable(state, block)) && !readIssueTable(state, ctx, block)) note(state, ctx, block);
        break;
      case 'code':
        readCode(state, ctx, block);
        break;
      default:
        note(state, ctx, block);
    }
  }
  if (pending) addNote(state, ctx.section, pending.source);
}

const note = (state: ImportState, ctx: SectionContext, node: RootContent | ListItem): void =>
  addNote(state, ctx.section, sourceOf(state.source, node));

/** A rendered report's notes come back under the headings they were kept under. */
function readNotesSection(state: ImportState, ctx: SectionContext): void {
  const blocks = ctx.section.blocks;
  const first = blocks[0];
  const last = blocks[blocks.length - 1];
  const isNotesHeading = ctx.section.heading !== null && /^notes$/i.test(ctx.section.title) && ctx.section.path.length === 1;
  const key = isNotesHeading ? '' : ctx.section.title;
  const list = state.notes.get(key) ?? [];
  if (first && last) {
    const start = first.position?.start.offset ?? 0;
    list.push(state.source.slice(start, last.position?.end.offset ?? start));
  } else if (isNotesHeading) {
    return;
  }
  state.notes.set(key, list);
}

function readCode(state: ImportState, ctx: SectionContext, code: Code): void {
  const action = ctx.action ?? (ctx.kind === 'actions' ? state.actions[state.actions.length - 1] : undefined);
  if (action && action.snippet === null && code.value.length <= LIMITS.textLength) {
    action.snippet = code.value;
    action.snippetLang = code.lang ? code.lang.slice(0, 50) : null;
    return;
  }
  note(state, ctx, code);
}

const HEADER_FIELDS: ReadonlyArray<[RegExp, 'owner' | 'date' | 'status' | 'summary']> = [
  [/^(owner|audit owner|prepared by|author|lead)$/i, 'owner'],
  [/^(date|audit date|report date|as of)$/i, 'date'],
  [/^(status|overall status|audit status)$/i, 'status'],
  [/^(executive summary|summary|overview)$/i, 'summary'],
];

const HEADER_LIMITS = { owner: LIMITS.ownerLength, date: 100, status: LIMITS.titleLength, summary: LIMITS.textLength };

/** Returns a pending label when the paragraph is only `**Label**:` announcing the next list. */
function readParagraph(state: ImportState, ctx: SectionContext, paragraph: Paragraph): Pending | null {
  const source = sourceOf(state.source, paragraph);
  const lines = paragraphLines(paragraph, source, ctx.kind === 'header' || ctx.kind === 'level' || ctx.inEscalation);
  const kept: string[] = [];
  let pending: Pending | null = null;
  lines.forEach((line, i) => {
    const isLast = i === lines.length - 1;
    if (readParagraphLine(state, ctx, line)) return;
    if (isLast && line.label !== null && line.value === '' && /:\s*$/.test(line.text)) {
      pending = { label: line.label, source: line.source };
      return;
    }
    kept.push(line.source);
  });
  if (kept.length > 0) addNote(state, ctx.section, kept.join('\n'));
  return pending;
}

function readParagraphLine(state: ImportState, ctx: SectionContext, line: SourcedLine): boolean {
  const { label, value } = line;
  if (ctx.kind === 'header' && label !== null && value !== '') {
    const field = HEADER_FIELDS.find(([re]) => re.test(label))?.[1];
    if (field && state.project[field] === null) {
      state.project[field] = value.slice(0, HEADER_LIMITS[field]);
      return true;
    }
  }
  if (labelIs(label, /^risks?$/i) && value !== '') {
    state.lastRiskSection = ctx.section;
    state.risks.push({
      title: value.slice(0, LIMITS.titleLength * 4),
      category: ctx.riskCategory?.slice(0, 100) ?? null,
      mitigation: null,
      likelihood: null,
      impact: null,
      owner: null,
      status: 'open',
    });
    return true;
  }
  const risk = state.lastRiskSection === ctx.section ? state.risks[state.risks.length - 1] : undefined;
  if (risk && label !== null && value !== '') {
    if (/^mitigations?$/i.test(label) && risk.mitigation === null) return set(() => (risk.mitigation = value.slice(0, LIMITS.textLength)));
    if (/^likelihood|probability$/i.test(label) && risk.likelihood === null) return set(() => (risk.likelihood = value.slice(0, 50)));
    if (/^impact$/i.test(label) && risk.impact === null) return set(() => (risk.impact = value.slice(0, 50)));
    if (/^owner$/i.test(label) && risk.owner === null) return set(() => (risk.owner = value.slice(0, LIMITS.ownerLength)));
    if (/^status$/i.test(label) && risk.status === 'open') return set(() => (risk.status = value.slice(0, 50)));
  }
  if (ctx.phase && label !== null && value !== '') {
    const phase = ctx.phase;
    if (/^branch$/i.test(label) && phase.branch === null) return set(() => (phase.branch = value.slice(0, 500)));
    if (/^(window|timeline|duration|when|dates)$/i.test(label) && phase.window === null) return set(() => (phase.window = value.slice(0, 200)));
    if (/^(hours|budget|hours budget|effort)$/i.test(label) && readHours(value) !== null && phase.hours === null) {
      return set(() => (phase.hours = readHours(value)));
    }
    if (/^deliverables?$/i.test(label)) return set(() => phase.deliverables.push(value.slice(0, 2_000)));
  }
  if (ctx.inEscalation) {
    const level = readLevel(line.text);
    if (level) {
      ctx.level = addLevel(state, level);
      return true;
    }
    if (ctx.level && readLevelField(ctx, line)) return true;
  }
  return false;
}

const set = (apply: () => unknown): true => {
  apply();
  return true;
};

function readLevelField(ctx: SectionContext, line: InlineLine): boolean {
  const level = ctx.level;
  if (!level || line.label === null || line.value === '') return false;
  if (/^contacts?|owners?|notify$/i.test(line.label) && level.contacts.length === 0) {
    level.contacts = splitContacts(line.value);
    return true;
  }
  if (/^(resolution|action|response)$/i.test(line.label) && level.resolution === null) {
    level.resolution = line.value.slice(0, 2_000);
    return true;
  }
  if (/^scope$/i.test(line.label) && level.scope === null) {
    level.scope = line.value.slice(0, 2_000);
    level.severities = severitiesIn(line.value);
    return true;
  }
  return false;
}

interface Item {
  node: ListItem;
  line: InlineLine;
  text: string;
  checked: boolean | null;
  /** What the item holds beyond its first paragraph (nested lists, more paragraphs). */
  rest: RootContent[];
}

// A rendered report appends the live state of a ruled item as `· _live: ✅ pass_`; it is
// computed, so reading it back drops it.
function itemsOf(list: List, allowPlainLabel: boolean): Item[] {
  return list.children.map((node) => {
    const [first, ...rest] = node.children;
    let phrasing = first?.type === 'paragraph' ? [...first.children] : [];
    const tail = phrasing[phrasing.length - 1];
    if (tail?.type === 'emphasis' && /^live:/.test(textOf(tail))) {
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

function readList(state: ImportState, ctx: SectionContext, list: List, pending: Pending | null): void {
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
      for (const item of items) take(item, () => checklist.items.push(checkItem(state, item.text, item.checked === true, kpiPhase(ctx))));
      return;
    }
    addNote(state, ctx.section, pending.source);
  }

  if (isTaskList) {
    const target = ctx.phase && ctx.kind !== 'targets' ? ctx.phase.items : checklistFor(state, ctx).items;
    for (const item of items) take(item, () => target.push(checkItem(state, item.text, item.checked === true, kpiPhase(ctx))));
    return;
  }
  if (ctx.kind === 'standup') return;

  if (allLabelled && items.every((i) => readHours(i.line.value) !== null) && items.some((i) => isPhaseHeading(i.line.label!) || /week|day|sprint|month/i.test(i.line.label!))) {
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
  if (ctx.inRisks && allLabelled && items.some((i) => /^risks?$/i.test(i.line.label!))) {
    for (const item of items) {
      const claimed = readParagraphLine(state, ctx, { ...item.line, source: '' });
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
  note(state, ctx, list);
}

function addTeam(state: ImportState, line: InlineLine): void {
  const capacity = /^(.*?)\s*\((\d+(?:\.\d+)?)\s*h(?:ours?|rs?)?\s*(?:\/|per)\s*(?:w|wk|week)\)\s*$/i.exec(line.label!);
  const name = (capacity ? capacity[1]! : line.label!).slice(0, LIMITS.ownerLength);
  state.teams.push({
    name,
    focus: line.value === '' ? null : line.value.slice(0, 2_000),
    members: [],
    capacityHours: capacity ? Number(capacity[2]) : null,
  });
}

/** Checklists are titled by their heading and filed under the heading above it. */
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
