// The Markdown parser (micromark + GFM) with a fast lane for long tables. micromark spends about a
// millisecond and tens of kilobytes per table row, so a 100,000-row register took minutes and
// gigabytes. Most rows of a long register are plain: pipes, words, code spans. Those rows are taken
// out of the text, the parser reads the rest (so it still decides what is a table and where it
// ends), and the plain rows are built straight from their line with exactly the nodes and
// positions the parser would have given them. A row with anything else in it (emphasis, a link,
// HTML, an escape, a tab) stays in the text for the parser. If the parser does not confirm a
// table the lane assumed, the whole text is parsed the plain way. Tests hold both ways equal.
import type { Nodes, Root, Table, TableCell, TableRow } from 'mdast';
import type { Point } from 'unist';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';

/** Tables with fewer plain rows than this are left to the parser whole. */
export const FAST_ROWS_MIN = 32;

export function parseMarkdown(source: string, minRows = FAST_ROWS_MIN): Root {
  return parseWithLane(source, minRows).tree;
}

/** The tree and how many rows took the fast lane (0 when the parser read everything). */
export function parseWithLane(source: string, minRows: number): { tree: Root; fastRows: number } {
  const lines = lineStarts(source);
  const plans = planTables(source, lines, minRows);
  if (plans.length === 0) return { tree: plainParse(source), fastRows: 0 };

  // The text without the plain rows; `cuts` maps a position in it back to the source.
  const cuts: Cut[] = [];
  const pieces: string[] = [];
  let from = 0;
  let removed = 0;
  let removedLines = 0;
  for (const plan of plans) {
    for (const line of plan.rows) {
      const start = lines[line]!;
      const next = lines[line + 1]!;
      if (start > from) pieces.push(source.slice(from, start));
      removed += next - start;
      removedLines += 1;
      // A cut at a reduced offset: points at or after it move by what was taken out before them.
      const at = start - (removed - (next - start));
      const last = cuts[cuts.length - 1];
      if (last && last.at === at) {
        last.offset = removed;
        last.lines = removedLines;
      } else {
        cuts.push({ at, offset: removed, lines: removedLines });
      }
      from = next;
    }
  }
  pieces.push(source.slice(from));
  const tree = plainParse(pieces.join(''));
  shiftPositions(tree, cuts);
  let fastRows = 0;

  for (const plan of plans) {
    const table = tree.children.find(
      (n): n is Table =>
        n.type === 'table' && n.position?.start.offset === lines[plan.header] && (n.position?.end.offset ?? 0) >= lineEnd(source, lines, plan.last),
    );
    // The parser read these lines differently (inside HTML, say): no shortcut, the plain way.
    if (!table) return { tree: plainParse(source), fastRows: 0 };
    fastRows += plan.rows.length;
    const rows = new Float64Array(plan.rows.length * 3);
    plan.rows.forEach((line, i) => {
      rows[3 * i] = lines[line]!;
      rows[3 * i + 1] = lineEnd(source, lines, line);
      rows[3 * i + 2] = line + 1;
    });
    deferRows(table, { source, kept: table.children, rows });
  }
  return { tree, fastRows };
}

/**
 * A table's plain rows are kept as where their lines are (start, end, line number: three numbers a
 * row) and built when read. The importer reads a long register row by row (`tableRows`), so only
 * the row being read exists: a 100,000-row register's rows took 400 MB as a tree. Anything else
 * that reads `children` gets them all, built once, so the tree is the parser's either way.
 */
interface Deferred {
  source: string;
  /** The rows the parser built (the header first), in text order. */
  kept: TableRow[];
  rows: Float64Array;
}

const deferred = new WeakMap<Table, Deferred>();

function deferRows(table: Table, rows: Deferred): void {
  deferred.set(table, rows);
  Object.defineProperty(table, 'children', {
    configurable: true,
    enumerable: true,
    get(): TableRow[] {
      const all = [...tableRows(table)];
      settle(table, all);
      return all;
    },
    set(value: TableRow[]) {
      settle(table, value);
    },
  });
}

function settle(table: Table, children: TableRow[]): void {
  deferred.delete(table);
  Object.defineProperty(table, 'children', { configurable: true, enumerable: true, writable: true, value: children });
}

/** A table's rows in order, the header first; a long plain table's rows are built one at a time. */
export function* tableRows(table: Table): Generator<TableRow> {
  const lazy = deferred.get(table);
  if (lazy === undefined) {
    yield* table.children;
    return;
  }
  const { source, kept, rows } = lazy;
  let i = 0;
  for (let j = 0; j < rows.length; j += 3) {
    const start = rows[j]!;
    while (i < kept.length && (kept[i]!.position?.start.offset ?? 0) < start) yield kept[i++]!;
    yield buildRow(source, start, rows[j + 1]!, rows[j + 2]!);
  }
  while (i < kept.length) yield kept[i++]!;
}

/** A table's header row. */
export function firstRow(table: Table): TableRow | undefined {
  return (deferred.get(table)?.kept ?? table.children)[0];
}

/** Where each row of a table starts (the header's included), without building any. */
export function tableRowStarts(table: Table): number[] {
  const lazy = deferred.get(table);
  if (lazy === undefined) return table.children.map((row) => row.position?.start.offset ?? -1);
  const starts = lazy.kept.map((row) => row.position?.start.offset ?? -1);
  for (let j = 0; j < lazy.rows.length; j += 3) starts.push(lazy.rows[j]!);
  return starts.sort((a, b) => a - b);
}

const plainParse = (text: string): Root => fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });

interface Cut {
  /** Offset in the reduced text. */
  at: number;
  /** Characters and lines taken out before it, in total. */
  offset: number;
  lines: number;
}

interface Plan {
  header: number;
  /** The last line of pipe rows; kept for the parser, which confirms the table runs at least to it. */
  last: number;
  rows: number[];
}

function lineStarts(source: string): number[] {
  const starts = [0];
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
  // One past the end, so `starts[line + 1]` is always where the next line would begin.
  if (starts[starts.length - 1] !== source.length + 1) starts.push(source.length + 1);
  return starts;
}

const lineEnd = (source: string, lines: number[], line: number): number => Math.min(lines[line + 1]! - 1, source.length);

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^ {0,3}#{1,6}(?: |$)/;
const DELIMITER_ROW = /^\|(?: *:?-+:? *\|)+$/;

/** Top-level tables (header, delimiter, rows, all starting at column 0 with a pipe) and their plain rows. */
function planTables(source: string, lines: number[], minRows: number): Plan[] {
  const plans: Plan[] = [];
  const count = lines.length - 1;
  const text = (line: number) => source.slice(lines[line], lineEnd(source, lines, line));
  let fence: string | null = null;
  let previousBlank = true;
  for (let line = 0; line < count; line++) {
    const t = text(line);
    const f = FENCE.exec(t);
    if (fence !== null) {
      if (f && f[1]![0] === fence[0] && f[1]!.length >= fence.length && t.slice(f[0].length).trim() === '') fence = null;
      previousBlank = false;
      continue;
    }
    if (f) {
      fence = f[1]!;
      previousBlank = false;
      continue;
    }
    if (previousBlank && t.startsWith('|') && line + 2 < count && DELIMITER_ROW.test(text(line + 1).trimEnd())) {
      let last = line + 2;
      while (last + 1 < count && source[lines[last + 1]!] === '|') last++;
      const rows: number[] = [];
      for (let r = line + 2; r < last; r++) if (isPlainRow(text(r))) rows.push(r);
      if (rows.length >= minRows) plans.push({ header: line, last, rows });
      line = last;
      previousBlank = false;
      continue;
    }
    // A table after a paragraph line may not be one; after a blank line or a heading it starts a block.
    previousBlank = t.trim() === '' || HEADING.test(t);
  }
  return plans;
}

// What makes inline Markdown of plain text: escapes, code, emphasis, strikethrough, links,
// footnotes, HTML and autolinks, entities, GFM's bare links and e-mail addresses. Tabs move columns.
const NOT_PLAIN = /[\\*_~[\]<&@\t]|https?:|www\./i;

function isPlainRow(line: string): boolean {
  if (line.length < 2 || !line.endsWith('|') || NOT_PLAIN.test(line.replace(/`[^`]+`/g, ''))) return false;
  for (const cell of line.slice(1, -1).split('|')) {
    const content = cell.trim();
    if (!content.includes('`')) continue;
    const parts = content.split('`');
    if (parts.length % 2 === 0) return false;
    for (let i = 1; i < parts.length; i += 2) {
      const code = parts[i]!;
      if (code === '' || code.trim() !== code) return false;
    }
  }
  return true;
}

/** The row the parser would build for a plain line: cells from pipe to pipe, text and code inside. */
function buildRow(source: string, start: number, end: number, line: number): TableRow {
  const point = (offset: number): Point => ({ line, column: offset - start + 1, offset });
  const cells: TableCell[] = [];
  let pipe = start;
  while (pipe < end - 1) {
    const next = source.indexOf('|', pipe + 1);
    let s = pipe + 1;
    let e = next;
    while (s < e && source[s] === ' ') s++;
    while (e > s && source[e - 1] === ' ') e--;
    const cellEnd = next === end - 1 ? end : next;
    cells.push({ type: 'tableCell', children: inline(source, s, e, point), position: { start: point(pipe), end: point(cellEnd) } });
    pipe = next;
  }
  return { type: 'tableRow', children: cells, position: { start: point(start), end: point(end) } };
}

function inline(source: string, s: number, e: number, point: (offset: number) => Point): TableCell['children'] {
  const nodes: TableCell['children'] = [];
  let at = s;
  while (at < e) {
    const tick = source.indexOf('`', at);
    const textEnd = tick === -1 || tick >= e ? e : tick;
    if (textEnd > at) nodes.push({ type: 'text', value: source.slice(at, textEnd), position: { start: point(at), end: point(textEnd) } });
    if (textEnd === e) break;
    const close = source.indexOf('`', tick + 1);
    nodes.push({ type: 'inlineCode', value: source.slice(tick + 1, close), position: { start: point(tick), end: point(close + 1) } });
    at = close + 1;
  }
  return nodes;
}

function shiftPositions(tree: Root, cuts: Cut[]): void {
  const move = (p: Point) => {
    const offset = p.offset ?? 0;
    // The last cut at or before this point.
    let lo = 0;
    let hi = cuts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (cuts[mid]!.at <= offset) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (found < 0) return;
    p.offset = offset + cuts[found]!.offset;
    p.line += cuts[found]!.lines;
  };
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.position) {
      move(node.position.start);
      move(node.position.end);
    }
    if ('children' in node) for (const child of node.children) stack.push(child);
  }
}
