// While the importer reads a document it notes where each live value sits in the author's own
// text: issue rows and the end of their tables, task check boxes, standup figures. The text
// itself is kept whole; a report rewrites only these spans (skeleton-render.ts).
import type { List, ListItem, Nodes, RootContent, Table, TableRow } from 'mdast';
import type { IssueDoc, Slot } from '../domain/document.js';
import type { PhaseState, Severity } from '../domain/enums.js';
import { readSeverity } from '../domain/vocabulary.js';
import type { ImportState, SectionContext } from './import-context.js';
import { textOf } from './inline.js';
import type { Section } from './markdown-tree.js';
import { rowDigest } from './row-digest.js';

/** Registers an issue table; rows and its end refer to it by index. */
export function recordTable(state: ImportState, ctx: SectionContext, headers: string[], fields: (string | null)[]): number {
  state.tables.push({ fields, headers: headers.map((h) => h.slice(0, 200)), severity: ctx.severity, phase: ctx.phase?.key ?? null, styles: {} });
  state.kinds.add('register');
  return state.tables.length - 1;
}

export function recordRow(state: ImportState, tb: number, row: TableRow, issue: IssueDoc): void {
  const start = row.position?.start.offset;
  const end = row.position?.end.offset;
  if (start === undefined || end === undefined) return;
  // The row's line with the line break before it: a deleted issue takes its whole line along.
  const s = state.source[start - 1] === '\n' ? start - 1 : start;
  const cells: number[] = [];
  for (const cell of row.children) {
    const [cs, ce] = cellContent(state.source, cell.position?.start.offset ?? start, cell.position?.end.offset ?? start);
    cells.push(cs - s, ce - s);
  }
  state.slots.push({ t: 'r', s, e: end, k: issue.key, tb, h: rowDigest(issue), c: cells });
}

export function recordTableEnd(state: ImportState, tb: number, table: Table): void {
  const end = table.position?.end.offset;
  if (end !== undefined) state.slots.push({ t: 'e', s: end, e: end, tb });
}

/** The text inside a cell's pipes, without its padding. */
function cellContent(source: string, start: number, end: number): [number, number] {
  let s = start;
  let e = end;
  if (source[s] === '|') s++;
  while (s < e && (source[s] === ' ' || source[s] === '\t')) s++;
  if (e - 1 >= s && source[e - 1] === '|' && source[e - 2] !== '\\') e--;
  while (e > s && (source[e - 1] === ' ' || source[e - 1] === '\t')) e--;
  return [s, e];
}

const LIVE_TAIL = /(?:\s*·\s*_(?:live|done):[^\n]*?_)+$/;

/** A task: its box (`[ ]`/`[x]`) and the spot after its text where a live rule result goes. */
export function recordTask(state: ImportState, l: 'phase' | 'checklist', k: string, i: number, node: ListItem, done: boolean): void {
  const start = node.position?.start.offset;
  const first = node.children[0];
  const textStart = first?.position?.start.offset;
  const textEnd = first?.type === 'paragraph' ? first.position?.end.offset : undefined;
  if (start === undefined || textStart === undefined || textEnd === undefined) return;
  const box = /\[[ xX]\]/.exec(state.source.slice(start, textStart));
  if (box) state.slots.push({ t: 'b', s: start + box.index, e: start + box.index + 3, l, k, i, d: done });
  // A rendered report read back already carries live marks: the slot covers them, so they are replaced.
  const tail = LIVE_TAIL.exec(state.source.slice(textStart, textEnd));
  const s = tail ? textStart + tail.index : textEnd;
  state.slots.push({ t: 'v', s, e: textEnd, l, k, i });
}

/** The end of a task list, where tasks added since go, written with its first line's indent and marker. */
export function recordListEnd(state: ImportState, l: 'phase' | 'checklist', k: string, list: List, n: number): void {
  const end = list.position?.end.offset;
  const first = list.children[0]?.position?.start.offset;
  if (end === undefined || first === undefined) return;
  const lineStart = state.source.lastIndexOf('\n', first - 1) + 1;
  const lead = /^[ \t>]*(?:[-*+]|\d+[.)])[ \t]+/.exec(state.source.slice(lineStart, first + 12));
  if (!lead) return;
  state.slots.push({ t: 'l', s: end, e: end, l, k, n, p: lead[0].replace(/\d+/, String(n + 1)).slice(0, 200) });
}

/**
 * The end of the author's risk or KPI table or schedule: risks, KPIs and phases added since go
 * there as rows in its columns (`roles`, one per column). `n`: how many the document held so far.
 */
export function recordSectionEnd(state: ImportState, w: 'risk' | 'kpi' | 'phase', table: Table, n: number, roles: (string | null)[]): void {
  const end = table.position?.end.offset;
  if (end !== undefined) state.slots.push({ t: 'a', s: end, e: end, w, n, c: roles });
}

/** After a top-level phase section (its sub-sections included): where phases added since go. */
export function recordPlanEnd(state: ImportState, section: Section): void {
  const end = lastNode(section)?.position?.end.offset;
  const depth = section.heading?.depth;
  const n = state.phases.filter((p) => !p.parent).length;
  if (end !== undefined && depth !== undefined) state.slots.push({ t: 'a', s: end, e: end, w: 'phase', n, c: [], p: `${'#'.repeat(depth)} ` });
}

/** An ETA the author wrote (`**Target date**: 2026-12-18`), for a phase or (`k` null) the project. */
export function recordEta(state: ImportState, k: string | null, nodes: readonly { position?: { start: { offset?: number }; end: { offset?: number } } }[], value: string): boolean {
  const from = nodes[0]?.position?.start.offset;
  const to = nodes[nodes.length - 1]?.position?.end.offset;
  if (from === undefined || to === undefined || value === '') return false;
  const line = state.source.slice(from, to);
  const marked = /_live: ([^_\n]+)_\s*$/.exec(line);
  const at = marked ? marked.index : line.lastIndexOf(value);
  if (at < 0) return false;
  const length = marked ? marked[0].trimEnd().length : value.length;
  state.slots.push({ t: 't', s: from + at, e: from + at + length, k, w: (marked ? marked[1]! : value).slice(0, 200) });
  return true;
}

/** A header field's value where the line wrote it (`**Status**: Triage` → `Triage`). */
export function recordHeaderField(state: ImportState, f: 'owner' | 'date' | 'status', nodes: readonly { position?: { start: { offset?: number }; end: { offset?: number } } }[], value: string): void {
  const from = nodes[0]?.position?.start.offset;
  const to = nodes[nodes.length - 1]?.position?.end.offset;
  if (from === undefined || to === undefined || value === '') return;
  const line = state.source.slice(from, to);
  const marked = `_live: ${value}_`;
  let at = line.lastIndexOf(marked);
  let length = marked.length;
  if (at < 0) {
    at = line.lastIndexOf(value);
    length = value.length;
  }
  if (at < 0) return; // written with escapes: left as written
  state.slots.push({ t: 'h', s: from + at, e: from + at + length, f, w: value });
}

/** A phase's state label in its heading (`ACTIVE` in `(ACTIVE)`, `✅ Complete`, `_live: …_`). */
export function recordPhaseLabel(state: ImportState, k: string, st: PhaseState, heading: { position?: { start: { offset?: number }; end: { offset?: number } } }, label: string): void {
  const from = heading.position?.start.offset;
  const to = heading.position?.end.offset;
  if (from === undefined || to === undefined) return;
  const text = state.source.slice(from, to);
  let at = text.lastIndexOf(label);
  if (at < 0) return;
  let end = at + label.length;
  const emoji = /(\p{Extended_Pictographic}\uFE0F?[ \t]*)$/u.exec(text.slice(0, at));
  if (emoji) at -= emoji[0].length;
  if (text.slice(0, at).endsWith('_live: ') && text[end] === '_') {
    at -= '_live: '.length;
    end += 1;
  }
  state.slots.push({ t: 'p', s: from + at, e: from + end, k, st });
}

const METRICS: ReadonlyArray<[RegExp, Extract<Slot, { t: 'f' }>['m']]> = [
  [/^(completed?|done|resolved|fixed|closed)$/i, 'completed'],
  [/^(in[ -]progress|wip|started|ongoing)$/i, 'inProgress'],
  [/^blocked$/i, 'blocked'],
  [/^(open|remaining|outstanding|to ?do|left)$/i, 'open'],
  [/^total$/i, 'total'],
];

// `**Completed**: 1/4 blockers`, `- **Blocked**: 1 (B003)`, and the same after a report marked it live.
const FIGURE = /^([ \t]*(?:[-*+][ \t]+)?\*\*([^*\n]+?):?\*\*:?[ \t]*)(_live: (\d+)(?:\/(\d+))?_|(\d+)(?:[ \t]*\/[ \t]*(\d+))?)(.*)$/gm;

/** The figures of a standup block: recomputed live by every report. */
export function recordStandup(state: ImportState, ctx: SectionContext): void {
  state.kinds.add('standup');
  for (const block of ctx.section.blocks) {
    const from = block.position?.start.offset;
    const to = block.position?.end.offset;
    if (from === undefined || to === undefined) continue;
    const text = state.source.slice(from, to);
    // A line that names no tier ("Blocked: 1 (B003)") counts in the tier the block is about.
    let tier = ctx.severity;
    for (const m of text.matchAll(FIGURE)) {
      const metric = METRICS.find(([re]) => re.test(m[2]!.trim()))?.[1];
      if (!metric) continue;
      tier = tierIn(m[8]!) ?? tier;
      const s = from + m.index + m[1]!.length;
      state.slots.push({ t: 'f', s, e: s + m[3]!.length, m: metric, sv: tier, of: (m[5] ?? m[7]) !== undefined });
    }
  }
}

function tierIn(text: string): Severity | null {
  for (const word of text.toLowerCase().split(/[^a-z0-9]+/)) {
    const severity = word === '' ? null : readSeverity(word);
    if (severity) return severity;
  }
  return null;
}

/** The paragraph a report writes after the escalation section (`_live: escalation now — …_`). */
export function isEscalationLiveMark(node: RootContent): boolean {
  const only = node.type === 'paragraph' && node.children.length === 1 ? node.children[0] : undefined;
  return only?.type === 'emphasis' && /^live: escalation\b/.test(textOf(only));
}

/** The last node of a section, its sub-sections included (a closing rule does not count). */
function lastNode(section: Section): Nodes | null {
  for (let i = section.children.length - 1; i >= 0; i--) {
    const n = lastNode(section.children[i]!);
    if (n) return n;
  }
  for (let i = section.blocks.length - 1; i >= 0; i--) if (section.blocks[i]!.type !== 'thematicBreak') return section.blocks[i]!;
  return section.heading;
}

/**
 * Where the escalation section's live state goes: after its last block. A report read back
 * carries that state already; the slot covers it (and the blank line before), so it leaves the
 * text and the next report writes it anew.
 */
export function recordEscalationLive(state: ImportState, section: Section): void {
  const last = lastNode(section);
  const end = last?.position?.end.offset;
  if (last === null || end === undefined) return;
  let s = end;
  if (last.type === 'paragraph' && isEscalationLiveMark(last)) {
    s = last.position?.start.offset ?? end;
    while (s > 0 && /\s/.test(state.source[s - 1]!)) s--;
  }
  state.slots.push({ t: 'x', s, e: end });
}
