// Reads the blocks of one section in order. Each reader claims what it understands; whatever is
// left is kept, as written, as a note of that section — nothing is dropped silently.
import type { Code, ListItem, Paragraph, RootContent } from 'mdast';
import { LIMITS } from '../domain/limits.js';
import { addNote, type ImportState, type SectionContext } from './import-context.js';
import { readFieldLine } from './import-fields.js';
import { readList } from './import-lists.js';
import { paragraphLines } from './inline.js';
import { readIssueTable, readKpiTable } from './import-register.js';
import { readTableByContent } from './import-tables.js';
import { sourceOf } from './markdown-tree.js';
import { isEscalationLiveMark, recordStandup } from './skeleton-record.js';
import { countsOf, explainBlock } from './import-explain.js';

export interface Pending {
  label: string;
  source: string;
  /** Where to look for `source` in the document. */
  at: number;
}

export function readBlocks(state: ImportState, ctx: SectionContext): void {
  const blocks = ctx.section.blocks;
  if (ctx.kind === 'standup') {
    if (blocks.length > 0) state.computed += 1;
    const before = state.explain ? countsOf(state) : null;
    recordStandup(state, ctx);
    if (before && blocks[0]) explainBlock(state, ctx, blocks[0], before);
    return;
  }
  if (ctx.kind === 'notes') {
    readNotesSection(state, ctx);
    return;
  }
  let pending: Pending | null = null;
  for (const block of blocks) {
    const before = state.explain ? countsOf(state) : null;
    readBlock(block);
    if (before) explainBlock(state, ctx, block, before);
  }
  // Set inside readBlock: TypeScript cannot see that, so the type is restated.
  const last = pending as Pending | null;
  if (last) addNote(state, ctx.section, last.source, last.at);

  function readBlock(block: RootContent): void {
    if (pending && block.type !== 'list') {
      addNote(state, ctx.section, pending.source, pending.at);
      pending = null;
    }
    switch (block.type) {
      case 'paragraph':
        // A report's live escalation state is the store's, not the author's: reading it back drops it.
        if (isEscalationLiveMark(block)) break;
        pending = readParagraph(state, ctx, block);
        break;
      case 'list':
        readList(state, ctx, block, pending);
        pending = null;
        break;
      case 'table':
        if (!(ctx.kind === 'targets' && readKpiTable(state, block)) && !readIssueTable(state, ctx, block) && !readTableByContent(state, ctx, block)) note(state, ctx, block);
        break;
      case 'code':
        readCode(state, ctx, block);
        break;
      default:
        note(state, ctx, block);
    }
  }
}

export const note = (state: ImportState, ctx: SectionContext, node: RootContent | ListItem): void =>
  addNote(state, ctx.section, sourceOf(state.source, node), node.position?.start.offset);

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
    state.noted.push(start, last.position?.end.offset ?? start);
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

const PHASE_FIELDS = /^(eta|target date|done by|due|deadline|branch|branche|rama|zweig|window|timeline|duration|dates|hours|budget|hours budget|effort)$/i;

function readParagraph(state: ImportState, ctx: SectionContext, paragraph: Paragraph): Pending | null {
  const source = sourceOf(state.source, paragraph);
  const plainLabels = ctx.kind === 'header' || ctx.kind === 'level' || ctx.inEscalation;
  const lines = paragraphLines(paragraph, source, plainLabels);
  // In a phase, a plain `Branch: x` / `Hours: 40` line is the phase's field as much as a bold one.
  const plain = ctx.kind === 'phase' && !plainLabels ? paragraphLines(paragraph, source, true) : null;
  const kept: string[] = [];
  let pending: Pending | null = null;
  lines.forEach((line, i) => {
    const isLast = i === lines.length - 1;
    if (readFieldLine(state, ctx, line)) return;
    const asPlain = plain?.length === lines.length ? plain[i] : undefined;
    if (asPlain?.label && PHASE_FIELDS.test(asPlain.label) && readFieldLine(state, ctx, asPlain)) return;
    if (isLast && line.label !== null && line.value === '' && /:\s*$/.test(line.text)) {
      pending = { label: line.label, source: line.source, at: paragraph.position?.start.offset ?? 0 };
      return;
    }
    kept.push(line.source);
  });
  if (kept.length > 0) {
    const from = paragraph.position?.start.offset ?? 0;
    addNote(state, ctx.section, kept.join('\n'));
    for (const line of kept) {
      const at = state.source.indexOf(line, from);
      if (at >= 0) state.noted.push(at, at + line.length);
    }
  }
  return pending;
}

