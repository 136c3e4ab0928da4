// Issue tables: columns are matched by their header names in any order and case, cells are read
// the way people write them (`🔄 IN PROGRESS`, `2hrs`, `` `src/a.ts` ``), unknown columns are kept.
import type { Table, TableCell, TableRow } from 'mdast';
import type { IssueDoc, KpiDoc } from '../domain/document.js';
import { COMPARATORS, type Comparator, type Severity, type Status } from '../domain/enums.js';
import { parseDay } from '../domain/dates.js';
import { badInput } from '../domain/errors.js';
import { parseEstimate } from '../domain/estimate.js';
import { LIMITS } from '../domain/limits.js';
import { readSeverity, readStatus } from '../domain/vocabulary.js';
import { addNote, type ImportState, type SectionContext } from './import-context.js';
import { cleanTitle, stripEmoji, textOf } from './inline.js';
import { firstRow, tableRows } from './markdown-parse.js';
import { sourceOf } from './markdown-tree.js';
import { recordRow, recordTable, recordTableEnd } from './skeleton-record.js';

type Field = 'key' | 'title' | 'severity' | 'status' | 'owner' | 'estimate' | 'files' | 'phase' | 'labels' | 'links' | 'due' | 'description';

const COLUMN_NAMES: ReadonlyArray<[Field, RegExp]> = [
  ['key', /^(id|key|#|ref|no\.?|n°|nº|réf\.?|issue id|issue key|ticket|code)$/],
  ['title', /^(issue|title|summary|finding|problem|name|task|bug|item|issue title|action|action item|titel|problema|título|anomalie|problème|titre|intitulé)$/],
  ['severity', /^(severity|priority|sev|prio|tier|level|risk rating|rating|risk level|cvss severity|priorität|schweregrad|prioridad|severidad|priorité|sévérité|gravité)$/],
  ['status', /^(status|state|progress|estado|zustand|statut|état|etat)$/],
  ['owner', /^(owner|owners|assignee|assigned to|assigned|team|who|responsible|verantwortlich|responsable|porteur|assigné à)$/],
  // "Time" alone is a timestamp in a postmortem's timeline, not an estimate.
  ['estimate', /^(eta|estimate|est\.?|effort|estimated time|time estimate|aufwand|esfuerzo|charge|estimation)$/],
  ['files', /^(file|files|location|locations|path|paths|where|component|module|affected asset|asset|datei|archivo|fichier|emplacement)$/],
  ['phase', /^(phase|milestone)$/],
  ['labels', /^(labels?|tags?)$/],
  ['links', /^(links?|prs?|pull requests?|tickets? links?)$/],
  ['due', /^(due|due date|deadline)$/],
  ['description', /^(description|details|notes?)$/],
];

export function columnField(header: string): Field | null {
  const name = cleanTitle(header).toLowerCase().replace(/\s+/g, ' ');
  return COLUMN_NAMES.find(([, re]) => re.test(name))?.[0] ?? null;
}

const STATUS_EMOJI: ReadonlyArray<[RegExp, Status]> = [
  [/✅|✔|☑/u, 'resolved'],
  [/🔄|🚧|⏳|🔨/u, 'in_progress'],
  [/⛔|🚫|🛑/u, 'blocked'],
  [/📋|🗓|📅/u, 'planned'],
  [/❌/u, 'wont_fix'],
];

export function readStatusCell(text: string): Status | null {
  const words = cleanTitle(text).replace(/[_]/g, ' ');
  if (words !== '') return readStatus(words) ?? readStatus(words.replace(/\s*\(.*\)$/, ''));
  return STATUS_EMOJI.find(([re]) => re.test(text))?.[1] ?? null;
}

export function readSeverityCell(text: string): Severity | null {
  const words = cleanTitle(text).toLowerCase();
  const priority = /^(?:priority\s*|p)([1-4])$/.exec(words);
  if (priority) return (['critical', 'major', 'medium', 'minor'] as const)[Number(priority[1]) - 1] ?? null;
  return readSeverity(words) ?? readSeverity(words.split(/\s+/)[0] ?? '');
}

interface Row {
  node: TableRow;
  cells: TableCell[];
}

/** The header's texts and the body rows, read one at a time: a long table's rows are built as read (markdown-parse.ts). */
function rowsOf(table: Table): { headers: string[]; rows: Iterable<Row> } {
  const headers = (firstRow(table)?.children ?? []).map((c) => textOf(c).trim());
  function* body(): Generator<Row> {
    let first = true;
    for (const row of tableRows(table)) {
      if (!first) yield { node: row, cells: row.children };
      first = false;
    }
  }
  return { headers, rows: body() };
}

/** Reads a table as issues when it looks like a register; false leaves it to the caller. */
export function readIssueTable(state: ImportState, ctx: SectionContext, table: Table): boolean {
  const { headers, rows } = rowsOf(table);
  const fields = headers.map(columnField);
  // "Notes"/"Description" alone is no title: a register needs a key or a real title column.
  const hasTitle = fields.includes('title');
  if (!hasTitle && !(fields.includes('key') && fields.includes('description'))) return false;
  if (!ctx.severity && !fields.includes('severity')) {
    if (!(fields.includes('key') && fields.includes('status'))) return false;
  }
  const titleField: Field = hasTitle ? 'title' : 'description';
  // An unknown column becomes a key of each issue's `extra`; one named "__proto__" would be
  // silently dropped there, so it is refused as a JSON or YAML document's "__proto__" key is.
  if (headers.some((h) => h.slice(0, 200) === '__proto__')) {
    throw badInput(`line ${table.position?.start.line ?? '?'}: a table column named "__proto__" cannot be stored as given; rename it`);
  }
  const seen = new Set<Field>();
  const roles = fields.map((f) => {
    if (f === null || seen.has(f)) return null;
    seen.add(f);
    return f;
  });

  const tb = recordTable(state, ctx, headers, roles);
  const styles = state.tables[tb]!.styles;
  for (const row of rows) {
    const issue = readRow(state, ctx, headers, roles, titleField, row);
    if (issue === null) continue;
    if (state.issueKeys.has(issue.key)) {
      state.warnings.push(`issue ${issue.key} appears twice; the second row is kept as a note`);
      addNote(state, ctx.section, sourceOf(state.source, row.node), row.node.position?.start.offset);
      continue;
    }
    if (state.issues.length >= LIMITS.documentIssues) {
      addNote(state, ctx.section, sourceOf(state.source, row.node), row.node.position?.start.offset);
      continue;
    }
    state.issueKeys.add(issue.key);
    state.issues.push(issue);
    recordRow(state, tb, row.node, issue);
    rememberStyles(state, styles, roles, row, issue);
  }
  recordTableEnd(state, tb, table);
  return true;
}

/** The first way each status, severity and estimate is written in a table is that table's way. */
function rememberStyles(state: ImportState, styles: Record<string, string>, roles: (Field | null)[], row: Row, issue: IssueDoc): void {
  const written = (field: Field) => {
    const cell = row.cells[roles.indexOf(field)];
    return cell ? sourceOf(state.source, cell).replace(/^\|\s*/, '').replace(/\s*\|?\s*$/, '') : '';
  };
  const keep = (key: string, field: Field) => {
    if (roles.includes(field) && !(key in styles)) {
      const text = written(field);
      // A cell with a remark ("✅ RESOLVED (PR #12)") is that row's, not the table's way.
      if (text !== '' && text.length <= 60 && !/[()[\]#]/.test(text)) styles[key] = text;
    }
  };
  keep(`status:${issue.status}`, 'status');
  keep(`severity:${issue.severity}`, 'severity');
  if (issue.estimateMinutes !== null) keep(`estimate:${issue.estimateMinutes}`, 'estimate');
}

function readRow(
  state: ImportState,
  ctx: SectionContext,
  headers: string[],
  roles: (Field | null)[],
  titleField: Field,
  row: Row,
): IssueDoc | null {
  // Each cell's text once: a long register reads hundreds of thousands of cells.
  const texts: (string | undefined)[] = [];
  const cell = (i: number) => (texts[i] ??= row.cells[i] ? cellText(row.cells[i]) : '');
  const at = (field: Field) => roles.indexOf(field);
  const value = (field: Field) => (at(field) >= 0 ? cell(at(field)) : '');
  if (row.cells.every((c) => textOf(c).trim() === '')) return null;

  const extra: Record<string, string> = {};
  headers.forEach((header, i) => {
    const text = cell(i);
    if (roles[i] === null && text !== '' && text !== '-' && header !== '') extra[header.slice(0, 200)] = text.slice(0, 2_000);
  });
  const keep = (field: Field) => {
    const i = at(field);
    if (i >= 0 && cell(i) !== '') extra[(headers[i] ?? field).slice(0, 200)] = cell(i).slice(0, 2_000);
  };

  const title = value(titleField).slice(0, LIMITS.titleLength);
  if (title === '') {
    state.warnings.push('a table row without a title is kept as a note');
    addNote(state, ctx.section, sourceOf(state.source, row.node), row.node.position?.start.offset);
    return null;
  }
  let key = value('key').replace(/\s+/g, '-');
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(key) || key.length > LIMITS.keyLength) {
    if (key !== '') keep('key');
    key = `${state.projectKey}-${hash(title)}`;
  }

  const severityText = value('severity');
  let severity = severityText === '' ? null : readSeverityCell(severityText);
  if (severityText !== '' && severity === null) keep('severity');
  severity ??= ctx.severity;
  if (severity === null) {
    severity = 'medium';
    state.warnings.push(`issue ${key}: no severity in its row or heading, taken as medium`);
  }

  const statusText = value('status');
  let status = statusText === '' ? null : readStatusCell(statusText);
  if (statusText !== '' && status === null) keep('status');
  status ??= 'backlog';

  let estimateMinutes: number | null = null;
  try {
    estimateMinutes = parseEstimate(value('estimate'));
  } catch {
    keep('estimate');
  }
  if (estimateMinutes !== null && estimateMinutes > 10_000_000) {
    keep('estimate');
    estimateMinutes = null;
  }

  const due = value('due');
  // A day written as one (2026-02-30) must exist: refused as the CLI refuses `--due`; other text
  // ("next sprint") is kept as the column's value.
  const dueDate = /^\d{4}-\d{2}-\d{2}$/.test(due) ? parseDay(due, `line ${row.node.position?.start.line ?? '?'}: ${headers[at('due')] ?? 'due'}`) : null;
  if (due !== '' && dueDate === null) keep('due');

  const owner = value('owner');
  const phaseText = value('phase');
  return {
    key,
    title,
    severity,
    status,
    owner: ownerOf(owner),
    estimateMinutes,
    dueDate,
    files: at('files') >= 0 ? filesOf(row.cells[at('files')]) : [],
    phase: phaseText !== '' && phaseText !== '-' ? phaseText.slice(0, LIMITS.keyLength) : (ctx.phase?.key ?? null),
    labels: splitList(value('labels')).map((l) => l.slice(0, LIMITS.labelLength)),
    links: splitList(value('links')).map((l) => l.slice(0, 2_000)),
    source: 'markdown',
    description: titleField === 'description' || value('description') === '' ? null : value('description'),
    extra,
    createdAt: null,
    startedAt: null,
    resolvedAt: null,
    comments: [],
  };
}

/** Code spans are file names; otherwise a comma-separated list. "-" means none. */
export function filesOf(cell: TableCell | undefined): string[] {
  if (!cell) return [];
  const codes = cell.children.filter((c) => c.type === 'inlineCode').map((c) => (c.type === 'inlineCode' ? c.value.trim() : ''));
  const rest = textOf(cell.children.filter((c) => c.type !== 'inlineCode')).replace(/[,;\s]+/g, '');
  if (codes.length > 0 && rest === '') return codes.filter((c) => c !== '').map((c) => c.slice(0, 2_000));
  return splitList(textOf(cell)).map((c) => c.slice(0, 2_000));
}

/** A cell's text; a `<br>` (how Notion, Confluence and Google Docs break lines in a cell) is a space. */
export function cellText(cell: TableCell): string {
  return cell.children
    .map((n) => (n.type === 'html' ? (/^<br\s*\/?>$/i.test(n.value) ? ' ' : n.value) : textOf(n)))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

/** An owner cell: "-", "Unassigned", "TBD" name nobody. */
export function ownerOf(text: string): string | null {
  return text === '' || /^(-|—|unassigned|n\/?a|tbd|none)$/i.test(text) ? null : text.slice(0, LIMITS.ownerLength);
}

/** What people write in a list cell to mean "none in particular". */
const NO_VALUE = /^(-|—|–|n\/?a|tbd|tba|none|various|multiple|several|all|\?)$/i;

function splitList(text: string): string[] {
  const t = text.trim();
  if (t === '' || NO_VALUE.test(t)) return [];
  return t
    .split(/\s*[,;]\s*/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** A short stable key part, so re-importing a row without an ID finds the same issue. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (const ch of stripEmoji(text).toLowerCase().trim()) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).toUpperCase();
}

/** The KPI table a rendered report carries: definitions come back, the live columns are ignored. */
export function readKpiTable(state: ImportState, table: Table): boolean {
  const { headers, rows } = rowsOf(table);
  const names = headers.map((h) => cleanTitle(h).toLowerCase());
  const col = (re: RegExp) => names.findIndex((n) => re.test(n));
  const keyCol = col(/^key$/);
  const nameCol = col(/^(kpi|name|metric)$/);
  const targetCol = col(/^target$/);
  if (keyCol < 0 || nameCol < 0 || targetCol < 0) return false;
  const unitCol = col(/^unit$/);
  const phaseCol = col(/^phase$/);
  for (const row of rows) {
    const cell = (i: number) => (i >= 0 && row.cells[i] ? textOf(row.cells[i]).trim() : '');
    const key = cell(keyCol);
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(key) || key.length > LIMITS.keyLength) continue;
    const target = /^(>=|<=|==|>|<)?\s*(-?\d+(?:\.\d+)?)/.exec(cell(targetCol));
    const dash = (s: string) => (s === '' || s === '-' ? null : s);
    const kpi: KpiDoc = {
      key,
      name: cell(nameCol) || key,
      unit: dash(cell(unitCol)),
      target: target ? Number(target[2]) : null,
      comparator: target?.[1] && (COMPARATORS as readonly string[]).includes(target[1]) ? (target[1] as Comparator) : null,
      phase: dash(cell(phaseCol)),
      values: [],
    };
    // The table states the definition outright, so it wins over one guessed from a target's prose.
    const existing = state.kpis.findIndex((k) => k.key === key);
    if (existing >= 0) state.kpis[existing] = kpi;
    else state.kpis.push(kpi);
  }
  return true;
}
