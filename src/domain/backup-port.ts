// The store as raw tables, for backup and restore (SPEC §10). Deliberately generic: it reads
// the table list from the database's own catalogue, so a table added by a later migration is
// carried without anyone remembering to add it here. Implemented in src/store/repos/backup.ts.

/** How a column's values travel in a backup, whichever store they came from. */
/** `integer` is 32-bit (SQL `integer` on both stores), `bigint` 64-bit within JavaScript's safe range. */
export type ColumnKind = 'integer' | 'bigint' | 'real' | 'text' | 'boolean';

export interface ColumnShape {
  name: string;
  kind: ColumnKind;
  nullable: boolean;
  /** A default or an auto-increment: a restore may leave it out. */
  hasDefault: boolean;
}

export interface TableShape {
  name: string;
  columns: ColumnShape[];
  /** The auto-increment column whose counter a restore must carry (e.g. `id`), if any. */
  counter: string | null;
  /** Tables this one refers to: they are restored before it. */
  references: string[];
}

export interface BackupRepo {
  /** Every table of the schema (not the migrator's own), parents before children. */
  tables(): Promise<TableShape[]>;
  /** The migrations recorded in the store, in order. */
  migrations(): Promise<string[]>;
  /** A table's rows, values in `table.columns` order, a page at a time in a stable order. */
  rows(table: TableShape, pageSize: number): AsyncIterable<unknown[][]>;
  /** The last value each auto-increment counter handed out (0 when none), by table. */
  counters(): Promise<Record<string, number>>;
  /** Inserts rows whose values are in `columns` order. */
  insert(table: string, columns: readonly ColumnShape[], rows: readonly unknown[][]): Promise<void>;
  setCounters(counters: Record<string, number>): Promise<void>;
  /** The first table (of `among`, default every table) that holds a row, or null when none does. */
  firstNonEmptyTable(among?: readonly string[]): Promise<string | null>;
  /** Deletes every row of these tables, in the order given (children before parents). */
  clear(tables: readonly string[]): Promise<void>;
}
