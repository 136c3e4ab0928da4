// The folded twins of an issue's searchable columns (migration 0600). Each is written by the
// same statement that writes its source column, whichever path writes it: the repository's
// single-row insert and update (through `withFolded`) and the bulk writer of ingest, import and
// restore (bulk.ts calls `foldedTwins`). The full-text index is built from the twins by the
// database itself (SQLite: triggers into FTS5; PostgreSQL: a generated tsvector column), so it
// cannot drift from them. The key is indexed from its own column: keys are ASCII.
import { foldText } from '../domain/search-text.js';

/** Source column → its folded twin. */
export const FOLDED_TWINS = {
  title: 'fold_title',
  owner: 'fold_owner',
  labels: 'fold_labels',
  files: 'fold_files',
  description: 'fold_description',
} as const;

type Source = keyof typeof FOLDED_TWINS;
type Twin = (typeof FOLDED_TWINS)[Source];

const isSource = (column: string): column is Source => Object.hasOwn(FOLDED_TWINS, column);

/** Lists (files, labels) are stored as JSON text: fold the items, not the JSON escapes. */
function foldStored(column: Source, value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  if ((column === 'files' || column === 'labels') && text.startsWith('[')) {
    if (text === '[]') return '';
    try {
      return foldText((JSON.parse(text) as unknown[]).join(' '));
    } catch {
      return foldText(text);
    }
  }
  return foldText(text);
}

/** The twins of whichever source columns `values` sets (stored forms: JSON text for lists). */
export function withFolded<T extends Record<string, unknown>>(values: T): T & Partial<Record<Twin, string>> {
  const out: Record<string, unknown> = { ...values };
  for (const column of Object.keys(values)) {
    if (isSource(column)) out[FOLDED_TWINS[column]] = foldStored(column, values[column]);
  }
  return out as T & Partial<Record<Twin, string>>;
}

/**
 * For a bulk write into `table` with these column names: the twins to add, each with the
 * position of its source in a row. Empty for tables other than issues.
 */
export function foldedTwins(table: string, columns: readonly string[]): { twin: Twin; source: Source; index: number }[] {
  if (table !== 'issues') return [];
  const out: { twin: Twin; source: Source; index: number }[] = [];
  columns.forEach((name, index) => {
    if (isSource(name)) out.push({ twin: FOLDED_TWINS[name], source: name, index });
  });
  return out;
}

export const foldRowValue = foldStored;
