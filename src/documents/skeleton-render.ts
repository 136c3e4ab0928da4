// A report of a document that came from Markdown: the author's own text, written back as it was,
// with the live values put in place of the stale ones (SPEC §4). Rows of issues that changed get
// the changed cells in the table's own style; rows of issues added since go to the end of the
// table they belong to; a deleted issue takes its line along; task boxes follow the store; rule
// results and standup figures are marked `_live: …_` so a re-import drops them again.
import type { DocumentSource, IssueDoc, Slot, SourceTable } from '../domain/document.js';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { addMissing } from './skeleton-missing.js';
import { addedToSection } from './skeleton-added.js';
import { cellValue, changedBullet, LIVE_FIELDS, liveValue, writeBullet, writeCell, writeCells, writeRow, type LiveField } from './skeleton-cells.js';
import { rowDigest } from './row-digest.js';
import { addedTasks, eta, headerField, phaseLabel, tasksDone } from './skeleton-live.js';
import { escalationLive, liveMarks } from './render-sections.js';
import type { ReportKind, ReportModel } from './report-model.js';

export interface SkeletonOptions {
  /** Also write the standard sections the author did not write (a standup, a KPI table, ...). */
  addMissing?: boolean;
  /**
   * For the HTML page: the new rows of a table are not written into the Markdown (a 100,000-row
   * table costs seconds and gigabytes to parse back) but set here, as each row's cells in Markdown
   * under the table's index, with one marker row (`newRowsMarker`) where they go.
   */
  newRows?: Map<number, string[][]>;
}

/** The row that stands for a table's new rows in the Markdown of an HTML page. */
export const newRowsMarker = (tb: number): string => `| @@punchlist-rows-${tb}@@ |`;

type RowSlot = Extract<Slot, { t: 'r' }>;

export function renderSkeleton(model: ReportModel, source: DocumentSource, kind: ReportKind, options: SkeletonOptions = {}): string {
  const text = source.markdown;
  // Only the issues the author's text has a row for are looked up by key: not a map of 100,000.
  const rowKeys = new Set<string>();
  for (const slot of source.slots) if (slot.t === 'r') rowKeys.add(slot.k);
  const issues = new Map<string, IssueDoc>();
  for (const issue of model.document.issues) if (rowKeys.has(issue.key)) issues.set(issue.key, issue);
  const placed = new Set<string>();
  for (const slot of source.slots) {
    if (slot.t === 'r' && stays(slot, source.tables[slot.tb], issues.get(slot.k))) placed.add(slot.k);
  }
  const extra = assignNewRows(model.document.issues, placed, source.tables);
  const styles = styleLookup(source.tables);

  const out: string[] = [];
  let at = 0;
  for (const slot of source.slots) {
    if (slot.s < at || slot.e > text.length || slot.e < slot.s) continue; // a damaged skeleton: keep the text
    out.push(text.slice(at, slot.s));
    out.push(renderSlot(slot, text.slice(slot.s, slot.e)));
    at = slot.e;
  }
  out.push(text.slice(at));
  let markdown = out.join('');
  const homeless = extra.get(-1) ?? [];
  if (options.addMissing) markdown = addMissing(markdown, model, source, homeless, kind);
  else if (homeless.length > 0) markdown = `${markdown.replace(/\s*$/, '')}\n\n${homelessMark(homeless)}\n`;
  return markdown;

  function renderSlot(slot: Slot, written: string): string {
    switch (slot.t) {
      case 'r': {
        const table = source.tables[slot.tb];
        const issue = issues.get(slot.k);
        if (!table || !issue || !placed.has(slot.k)) return '';
        if (rowDigest(issue) === slot.h) return written;
        return table.p !== undefined ? changedBullet(written, issue) : changedRow(written, slot, table, issue, (k) => styles(slot.tb, k));
      }
      case 'e': {
        const table = source.tables[slot.tb];
        const rows = extra.get(slot.tb) ?? [];
        if (!table) return '';
        // A list register's new lines stay Markdown (they are few); a table's go to HTML directly.
        if (options.newRows && table.p === undefined && rows.length > 0) {
          options.newRows.set(slot.tb, rows.map((issue) => writeCells(table, issue, (k) => styles(slot.tb, k))));
          return `\n${newRowsMarker(slot.tb)}`;
        }
        return rows.map((issue) => `\n${table.p !== undefined ? writeBullet(table, issue) : writeRow(table, issue, (k) => styles(slot.tb, k))}`).join('');
      }
      case 'b': {
        const item = itemOf(model, slot.l, slot.k, slot.i);
        if (!item || item.done === slot.d) return written;
        return item.done ? '[x]' : '[ ]';
      }
      case 'v': {
        const item = itemOf(model, slot.l, slot.k, slot.i);
        return item ? liveMarks(model, slot.l, slot.k, item, slot.i) : written;
      }
      case 'f':
        return figure(model, slot, written);
      case 'n':
        return tasksDone(model, slot, written);
      case 'h':
        return headerField(model, slot, written);
      case 'p':
        return phaseLabel(model, source, slot, written);
      case 'l':
        return written + addedTasks(model, source, slot);
      case 'a':
        return written + addedToSection(model, source, slot);
      case 't':
        return eta(model, slot, written);
      case 'x': {
        const live = escalationLive(model);
        return live === null ? '' : `\n\n${live}`;
      }
    }
  }
}

/** A row stays where it is unless its issue is gone or moved to a tier its heading does not name. */
function stays(slot: RowSlot, table: SourceTable | undefined, issue: IssueDoc | undefined): boolean {
  if (!table || !issue) return false;
  return table.fields.includes('severity') || table.severity === null || table.severity === issue.severity;
}

/** Issues without a row go to the end of the first table of their tier; -1 collects the homeless. */
function assignNewRows(all: readonly IssueDoc[], placed: ReadonlySet<string>, tables: readonly SourceTable[]): Map<number, IssueDoc[]> {
  const byTier = new Map<string, number>();
  tables.forEach((t, i) => {
    if (t.severity !== null && !t.fields.includes('severity') && !byTier.has(t.severity)) byTier.set(t.severity, i);
  });
  const mixed = tables.findIndex((t) => t.fields.includes('severity'));
  const out = new Map<number, IssueDoc[]>();
  for (const issue of all) {
    if (placed.has(issue.key)) continue;
    const tb = byTier.get(issue.severity) ?? mixed;
    const list = out.get(tb) ?? [];
    list.push(issue);
    out.set(tb, list);
  }
  return out;
}

function styleLookup(tables: readonly SourceTable[]): (tb: number, key: string) => string | undefined {
  const global = new Map<string, string>();
  for (const t of tables) for (const [k, v] of Object.entries(t.styles)) if (!global.has(k)) global.set(k, v);
  return (tb, key) => tables[tb]?.styles[key] ?? global.get(key);
}

/** A row whose values changed: only the changed cells are rewritten, the rest stays byte for byte. */
function changedRow(written: string, slot: RowSlot, table: SourceTable, issue: IssueDoc, styles: (key: string) => string | undefined): string {
  const line = written.replace(/^\n/, '');
  const lead = written.length - line.length;
  const head = `| ${table.fields.map(() => 'h').join(' | ')} |\n| ${table.fields.map(() => '-').join(' | ')} |\n`;
  const parsed = fromMarkdown(head + line, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }).children[0];
  const cells = parsed?.type === 'table' ? (parsed).children[1]?.children : undefined;
  if (!cells) return written;
  const edits: Array<[number, number, string]> = [];
  table.fields.forEach((field, i) => {
    if (!isLive(field) || slot.c[2 * i] === undefined) return;
    const cell = cells[i];
    if (!cell || JSON.stringify(cellValue(field, cell)) === JSON.stringify(liveValue(field, issue))) return;
    edits.push([slot.c[2 * i]!, slot.c[2 * i + 1]!, writeCell(field, table.headers[i] ?? '', issue, styles)]);
  });
  let row = written;
  for (const [s, e, value] of edits.sort((a, b) => b[0] - a[0])) {
    if (s < lead || e > row.length) continue;
    row = `${row.slice(0, s)}${value}${row.slice(e)}`;
  }
  return row;
}

const isLive = (field: string | null): field is LiveField => (LIVE_FIELDS as readonly (string | null)[]).includes(field);

function itemOf(model: ReportModel, l: 'phase' | 'checklist', key: string, i: number) {
  const list = l === 'phase' ? model.document.phases.find((p) => p.key === key) : model.document.checklists.find((c) => c.key === key);
  return list?.items[i];
}

/** A standup figure: the written one when it is still true, else the live one, marked. */
function figure(model: ReportModel, slot: Extract<Slot, { t: 'f' }>, written: string): string {
  const tiers = slot.sv === null ? model.tiers : model.tiers.filter((t) => t.severity === slot.sv);
  const sum = (f: (t: (typeof tiers)[number]) => number) => tiers.reduce((n, t) => n + f(t), 0);
  const value = sum((t) => t[slot.m]);
  const live = slot.of ? `${value}/${sum((t) => t.total)}` : `${value}`;
  const was = written.replace(/^_live: |_$/g, '').replace(/\s+/g, '');
  return was === live ? written : `_live: ${live}_`;
}

function homelessMark(issues: readonly IssueDoc[]): string {
  const keys = issues.slice(0, 10).map((i) => i.key).join(', ');
  return `_live: ${issues.length} issue${issues.length === 1 ? '' : 's'} without a table of their tier here (${keys}${issues.length > 10 ? ', …' : ''}); report --add-missing adds them_`;
}
