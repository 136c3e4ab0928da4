// The issue register, one table per severity, as data first and then as Markdown or HTML. HTML
// is written directly: a 100,000-row Markdown table is slow to parse back just to print it.
import type { IssueDoc } from '../domain/document.js';
import { SEVERITIES, STATUS_LABEL, type Severity, type Status } from '../domain/enums.js';
import { formatEstimate } from '../domain/estimate.js';
import { columnField } from './import-register.js';
import { code, esc, table } from './markdown-write.js';
import type { ReportModel } from './report-model.js';

/** A cell is text (null shows as "-") or a list of file names, shown as code. */
export type RegisterCell = string | null | readonly string[];

/** Columns are functions, not materialised rows: 100,000 issues should not mean 600,000 cells. */
export interface RegisterTable {
  severity: Severity;
  headers: string[];
  issues: IssueDoc[];
  columns: Array<(issue: IssueDoc) => RegisterCell>;
}

const STATUS_EMOJI: Record<Status, string> = {
  backlog: '📋',
  planned: '📋',
  in_progress: '🔄',
  blocked: '⛔',
  resolved: '✅',
  wont_fix: '❌',
};

const STATUS_CELL = Object.fromEntries(
  (Object.keys(STATUS_EMOJI) as Status[]).map((s) => [s, `${STATUS_EMOJI[s]} ${STATUS_LABEL[s].replace(/'/g, '’')}`]),
) as Record<Status, string>;

export const statusCell = (status: Status): string => STATUS_CELL[status];

export function registerTables(model: ReportModel): RegisterTable[] {
  const bySeverity = new Map<Severity, IssueDoc[]>(SEVERITIES.map((s) => [s, []]));
  for (const issue of model.document.issues) bySeverity.get(issue.severity)!.push(issue);
  const tables: RegisterTable[] = [];
  for (const severity of SEVERITIES) {
    const issues = bySeverity.get(severity)!;
    if (issues.length === 0) continue;
    const has = (f: (i: IssueDoc) => boolean) => issues.some(f);
    // A cell the importer could not read (an ETA of "ASAP") is kept in `extra` under its column's
    // name; it goes back into that column, so it reads back the same way.
    const raw = (i: IssueDoc, field: string) => {
      for (const h in i.extra) if (columnField(h) === field) return i.extra[h];
      return undefined;
    };
    const extras = [...new Set(issues.flatMap((i) => Object.keys(i.extra)))].filter((h) => columnField(h) === null);
    const optional: Array<[string, (i: IssueDoc) => RegisterCell, boolean]> = [
      ['Phase', (i) => i.phase, has((i) => i.phase !== null)],
      ['Labels', (i) => i.labels.join(', '), has((i) => i.labels.length > 0)],
      ['Links', (i) => i.links.join(', '), has((i) => i.links.length > 0)],
      ['Due', (i) => i.dueDate ?? raw(i, 'due') ?? null, has((i) => i.dueDate !== null || raw(i, 'due') !== undefined)],
      ['Description', (i) => i.description, has((i) => i.description !== null)],
    ];
    const used = optional.filter(([, , present]) => present);
    tables.push({
      severity,
      headers: ['ID', 'Issue', 'File', 'Status', 'Owner', 'ETA', ...used.map(([h]) => h), ...extras],
      issues,
      columns: [
        (i) => i.key,
        (i) => i.title,
        (i) => i.files,
        (i) => (i.status === 'backlog' && raw(i, 'status') !== undefined ? raw(i, 'status')! : statusCell(i.status)),
        (i) => i.owner,
        (i) => (i.estimateMinutes === null && raw(i, 'estimate') !== undefined ? raw(i, 'estimate')! : formatEstimate(i.estimateMinutes)),
        ...used.map(([, value]) => value),
        ...extras.map((e) => (i: IssueDoc) => i.extra[e] ?? null),
      ],
    });
  }
  return tables;
}

function markdownCell(c: RegisterCell): string {
  if (c === null || c === '') return '-';
  if (typeof c === 'string') return esc(c);
  return c.length === 0 ? '-' : c.map((f) => code(f, true)).join(', ');
}

export function registerMarkdown(t: RegisterTable): string {
  const out = [table(t.headers.map(esc), [])];
  // One reused cell buffer and a join per row: flat strings, no rope of small pieces per row.
  const cells: string[] = new Array<string>(t.columns.length);
  for (const issue of t.issues) {
    for (let c = 0; c < t.columns.length; c++) cells[c] = markdownCell(t.columns[c]!(issue));
    out.push(`| ${cells.join(' | ')} |`);
  }
  return out.join('\n');
}

export const registerPlaceholder = (severity: Severity): string => `@@punchlist-register-${severity}@@`;

const html = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function htmlCell(c: RegisterCell): string {
  if (c === null || c === '') return '-';
  if (typeof c === 'string') return html(c);
  return c.length === 0 ? '-' : c.map((f) => `<code>${html(f)}</code>`).join(', ');
}

export function registerHtml(t: RegisterTable): string {
  const head = `<tr>${t.headers.map((h) => `<th>${html(h)}</th>`).join('')}</tr>`;
  const cells: string[] = new Array<string>(t.columns.length);
  const body = t.issues
    .map((issue) => {
      for (let c = 0; c < t.columns.length; c++) cells[c] = htmlCell(t.columns[c]!(issue));
      return `<tr><td>${cells.join('</td><td>')}</td></tr>`;
    })
    .join('\n');
  return `<table>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}
