// The cells of an issue row in the author's own table: what a cell said when it was imported, and
// how a changed or new value is written in that table's style (its emoji, its words, its units).
import type { TableCell } from 'mdast';
import type { IssueDoc, SourceTable } from '../domain/document.js';
import { formatEstimate, parseEstimate } from '../domain/estimate.js';
import { SEVERITIES, STATUSES, type Severity, type Status } from '../domain/enums.js';
import { cellText, filesOf, ownerOf, readSeverityCell, readStatusCell } from './import-register.js';
import { LIMITS } from '../domain/limits.js';
import { code, esc } from './markdown-write.js';
import { statusCell } from './render-register.js';

/** The fields a report keeps live in a row; the rest of a row stays as written. */
export const LIVE_FIELDS = ['title', 'severity', 'status', 'owner', 'estimate', 'files'] as const;
export type LiveField = (typeof LIVE_FIELDS)[number];

/** What a cell held as imported, in the same terms as the issue (null: unreadable, keep as is). */
export function cellValue(field: LiveField, cell: TableCell): unknown {
  const text = cellText(cell);
  switch (field) {
    case 'title':
      return text.slice(0, LIMITS.titleLength);
    case 'severity':
      return readSeverityCell(text);
    case 'status':
      return text === '' ? 'backlog' : readStatusCell(text);
    case 'owner':
      return ownerOf(text);
    case 'estimate':
      try {
        return parseEstimate(text);
      } catch {
        return null;
      }
    case 'files':
      return filesOf(cell);
  }
}

export function liveValue(field: LiveField, issue: IssueDoc): unknown {
  return field === 'estimate' ? issue.estimateMinutes : issue[field];
}

/** The style key a cell is remembered under: the first cell of each value is the table's way. */
export function styleKey(field: LiveField, value: unknown): string | null {
  if (field === 'status' || field === 'severity') return typeof value === 'string' ? `${field}:${value}` : null;
  if (field === 'estimate') return typeof value === 'number' ? `estimate:${value}` : null;
  return null;
}

const SEVERITY_WORD: Record<Severity, string> = { critical: 'Critical', major: 'Major', medium: 'Medium', minor: 'Minor' };

const dash = (t: string | null | undefined): string => (t === null || t === undefined || t === '' ? '-' : esc(t));

// The style keys as constants: a new row looks two of them up, 100,000 times in a large report.
const keys = <T extends string>(field: string, values: readonly T[]): Record<T, string> =>
  Object.fromEntries(values.map((v) => [v, `${field}:${v}`])) as Record<T, string>;
const SEVERITY_KEY = keys<Severity>('severity', SEVERITIES);
const STATUS_KEY = keys<Status>('status', STATUSES);

/** A value written for `field` the way this table (or else the document) writes it. */
export function writeCell(field: string | null, header: string, issue: IssueDoc, styles: (key: string) => string | undefined): string {
  switch (field) {
    case 'key':
      return esc(issue.key);
    case 'title':
      return dash(issue.title);
    case 'severity':
      return styles(SEVERITY_KEY[issue.severity]) ?? SEVERITY_WORD[issue.severity];
    case 'status':
      return styles(STATUS_KEY[issue.status]) ?? statusCell(issue.status);
    case 'owner':
      return dash(issue.owner);
    case 'estimate':
      return issue.estimateMinutes === null ? '-' : (styles(`estimate:${issue.estimateMinutes}`) ?? formatEstimate(issue.estimateMinutes));
    case 'files':
      return issue.files.length === 0 ? '-' : issue.files.length === 1 ? code(issue.files[0]!, true) : issue.files.map((f) => code(f, true)).join(', ');
    case 'phase':
      return dash(issue.phase);
    case 'labels':
      return issue.labels.length === 0 ? '-' : dash(issue.labels.join(', '));
    case 'links':
      return issue.links.length === 0 ? '-' : dash(issue.links.join(', '));
    case 'due':
      return dash(issue.dueDate);
    case 'description':
      return dash(issue.description);
    default:
      return dash(issue.extra[header]);
  }
}

/** The cells of a new row in a table's own columns, each as Markdown. */
export function writeCells(table: SourceTable, issue: IssueDoc, styles: (key: string) => string | undefined): string[] {
  const cells = new Array<string>(table.fields.length);
  for (let i = 0; i < cells.length; i++) cells[i] = writeCell(table.fields[i]!, table.headers[i] ?? '', issue, styles);
  return cells;
}

/** A new row in a table's own columns. */
export function writeRow(table: SourceTable, issue: IssueDoc, styles: (key: string) => string | undefined): string {
  return `| ${writeCells(table, issue, styles).join(' | ')} |`;
}

const isDone = (issue: IssueDoc): boolean => issue.status === 'resolved' || issue.status === 'wont_fix';

/** An issue of a list register that changed: its check box follows its status; the rest stays as written. */
export function changedBullet(written: string, issue: IssueDoc): string {
  const box = /^(\n?[ \t>]*[-*+][ \t]+)\[([ xX])\]/.exec(written);
  if (!box) return written;
  const done = box[2] !== ' ';
  return done === isDone(issue) ? written : `${box[1]}[${isDone(issue) ? 'x' : ' '}]${written.slice(box[0].length)}`;
}

/** A new issue in a list register, its fields in the order the list's first line gave them. */
export function writeBullet(table: SourceTable, issue: IssueDoc): string {
  const lead = (table.p ?? '- ').replace('[ ]', isDone(issue) ? '[x]' : '[ ]');
  const parts = [`${issue.key} ${esc(issue.title)}`];
  for (const field of table.fields.slice(2)) {
    if (field === 'files' && issue.files.length > 0) parts.push(issue.files.map((f) => code(f)).join(', '));
    else if (field === 'owner' && issue.owner !== null) parts.push(esc(issue.owner));
    else if (field === 'estimate' && issue.estimateMinutes !== null) parts.push(formatEstimate(issue.estimateMinutes));
    else if (field === 'severity') parts.push(SEVERITY_WORD[issue.severity]);
  }
  return `${lead}${parts.join(' — ')}`;
}
