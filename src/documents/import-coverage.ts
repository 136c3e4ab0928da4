// How much of a document the importer understood, in items (docs/markdown.md defines both terms):
// an item is a row of a register-like table, a list item with a check box, or a `**Label**: value`
// line or bullet; it is recognised when it became data rather than a note.
import type { List, Nodes, Paragraph, RootContent, Table } from 'mdast';
import { columnField } from './import-register.js';
import { readLine, splitLines, textOf } from './inline.js';
import { firstRow, tableRowStarts } from './markdown-parse.js';
import type { Section } from './markdown-tree.js';

export interface Coverage {
  items: number;
  recognised: number;
  /** Items kept as notes: where they start and their first line. */
  unread: Array<{ at: number; text: string }>;
}

const REGISTER_COLUMNS = new Set(['key', 'status', 'owner', 'severity', 'estimate']);

/** Adds where each item of a section's blocks starts; the import calls it as it reads each section. */
export function collectItems(section: Section, starts: number[]): void {
  for (const block of section.blocks) collect(block, starts);
}

/** `starts`: every item's start (collectItems); `noted`: the spans kept as notes. */
export function measureCoverage(starts: number[], source: string, noted: readonly number[]): Coverage {
  const spans: Array<[number, number]> = [];
  for (let i = 0; i + 1 < noted.length; i += 2) spans.push([noted[i]!, noted[i + 1]!]);
  spans.sort((a, b) => a[0] - b[0]);
  starts.sort((a, b) => a - b);
  const unread: Coverage['unread'] = [];
  let j = 0;
  let reach = -1;
  for (const at of starts) {
    // Spans sorted by start; `reach` is the furthest end of those starting at or before `at`.
    while (j < spans.length && spans[j]![0] <= at) reach = Math.max(reach, spans[j++]![1]);
    if (at < reach) unread.push({ at, text: source.slice(at, source.indexOf('\n', at) >>> 0 || undefined).trim().slice(0, 120) });
  }
  return { items: starts.length, recognised: starts.length - unread.length, unread };
}

function collect(node: RootContent | Nodes, out: number[]): void {
  if (node.type === 'table') return tableRows(node, out);
  if (node.type === 'list') return listItems(node, out);
  if (node.type === 'paragraph') return labelLines(node, out);
  if (node.type === 'blockquote') for (const child of node.children) collect(child, out);
}

function tableRows(table: Table, out: number[]): void {
  const head = firstRow(table);
  const fields = (head?.children ?? []).map((c) => columnField(textOf(c).trim()));
  if (!fields.some((f) => f !== null && REGISTER_COLUMNS.has(f))) return;
  // Starts only: a long table's rows are not built for this (markdown-parse.ts).
  for (const start of tableRowStarts(table).slice(1)) if (start >= 0) out.push(start);
}

function listItems(list: List, out: number[]): void {
  for (const item of list.children) {
    const first = item.children[0];
    const labelled = first?.type === 'paragraph' && isLabel(first, 0);
    if ((item.checked !== null && item.checked !== undefined) || labelled) {
      if (item.position?.start.offset !== undefined) out.push(item.position.start.offset);
    }
    for (const child of item.children) if (child.type === 'list') listItems(child, out);
  }
}

function labelLines(paragraph: Paragraph, out: number[]): void {
  const lines = splitLines(paragraph.children);
  lines.forEach((nodes, i) => {
    const start = nodes[0]?.position?.start.offset;
    if (start !== undefined && isLabel({ ...paragraph, children: nodes }, i)) out.push(start);
  });
}

/** `**Owner**: x`, `**Owner:** x`: a bold label with a value after it. */
function isLabel(paragraph: Paragraph, line: number): boolean {
  const nodes = line === 0 ? (splitLines(paragraph.children)[0] ?? []) : paragraph.children;
  const first = nodes.find((n) => !(n.type === 'text' && n.value.trim() === ''));
  if (first?.type !== 'strong') return false;
  const parsed = readLine(nodes);
  // The colon ends the label (`**Owner**:`, `**Owner:**`); a bold sentence with a colon inside is prose.
  const strong = textOf(first).trim();
  const after = textOf(nodes.slice(nodes.indexOf(first) + 1)).trimStart();
  return parsed.label !== null && parsed.value !== '' && (strong.endsWith(':') || after.startsWith(':'));
}
