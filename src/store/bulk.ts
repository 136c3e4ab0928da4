// Batched writes for the store's bulk paths (ingest, document import), one statement per batch on both dialects:
// SQLite gets a multi-row VALUES list through a cached prepared statement (better-sqlite3 runs
// it synchronously inside the open transaction), PostgreSQL gets one array per column, unnested
// server-side. The SQL differs only in how rows are spelled; the columns and order are shared.
import type Sqlite from 'better-sqlite3';
import { type RawBuilder, sql } from 'kysely';
import type { DbContext } from './db-context.js';
import { foldedTwins, foldRowValue } from './search-columns.js';

export type PgType = 'int' | 'text' | 'float8';

export interface Column {
  name: string;
  pg: PgType;
}

/** Rows per statement: ~10 columns × 500 rows stays far under SQLite's 32,766 parameters. */
export const BATCH_ROWS = 500;

const statementCache = new WeakMap<Sqlite.Database, Map<string, Sqlite.Statement>>();

export function prepared(db: Sqlite.Database, text: string): Sqlite.Statement {
  let cache = statementCache.get(db);
  if (cache === undefined) {
    cache = new Map();
    statementCache.set(db, cache);
  }
  let statement = cache.get(text);
  if (statement === undefined) {
    statement = db.prepare(text);
    cache.set(text, statement);
  }
  return statement;
}

const values = (rowCount: number, width: number): string => {
  const row = `(${new Array<string>(width).fill('?').join(',')})`;
  return new Array<string>(rowCount).fill(row).join(',');
};

const pgArrays = (columns: Column[], rows: unknown[][], offset: number): RawBuilder<unknown> =>
  sql.join(columns.map((c, i) => sql`${rows.map((r) => r[i + offset] ?? null)}::${sql.raw(c.pg)}[]`));

export interface InsertSpec {
  table: string;
  /** The same value for every row (project, tool, run, time). */
  fixed: Column[];
  perRow: Column[];
  returning?: string[];
}

/** Inserts rows (fixed values first, then per-row values) and returns the `returning` columns. */
export async function bulkInsert(ctx: DbContext, given: InsertSpec, fixed: unknown[], givenRows: unknown[][]): Promise<Record<string, unknown>[]> {
  const { spec, rows } = withTwins(given, givenRows, 0);
  const out: Record<string, unknown>[] = [];
  const names = [...spec.fixed, ...spec.perRow].map((c) => c.name).join(', ');
  const returning = spec.returning?.length ? ` RETURNING ${spec.returning.join(', ')}` : '';
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    const batch = rows.slice(start, start + BATCH_ROWS);
    if (ctx.sqlite !== null) {
      const fixedSql = spec.fixed.map(() => '?');
      const rowSql = spec.perRow.map((_, i) => `column${i + 1}`);
      const text = `INSERT INTO ${spec.table} (${names}) SELECT ${[...fixedSql, ...rowSql].join(', ')} FROM (VALUES ${values(batch.length, spec.perRow.length)})${returning}`;
      const statement = prepared(ctx.sqlite, text);
      const params = [...fixed, ...batch.flat()];
      if (returning) out.push(...(statement.all(params) as Record<string, unknown>[]));
      else statement.run(params);
    } else {
      const fixedSql = sql.join(spec.fixed.map((c, i) => sql`${fixed[i] ?? null}::${sql.raw(c.pg)}`));
      const query = sql<Record<string, unknown>>`INSERT INTO ${sql.raw(spec.table)} (${sql.raw(names)}) SELECT ${fixedSql}${spec.fixed.length ? sql`, ` : sql``}u.* FROM unnest(${pgArrays(spec.perRow, batch, 0)}) AS u${sql.raw(returning)}`;
      const result = await query.execute(ctx.db);
      out.push(...result.rows);
    }
  }
  return out;
}

export interface UpdateSpec {
  table: string;
  /** The key column, first in every row. */
  key: Column;
  perRow: Column[];
  /** Extra assignments with fixed values, e.g. last_run_id = ?. */
  fixed: Column[];
  /** A raw assignment appended as is, e.g. "version = version + 1". */
  also?: string;
}

/** UPDATE … FROM a list of rows, matched on the key (the first value of every row). */
export async function bulkUpdate(ctx: DbContext, given: UpdateSpec, fixed: unknown[], givenRows: unknown[][]): Promise<void> {
  const { spec, rows } = withTwins(given, givenRows, 1);
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    const batch = rows.slice(start, start + BATCH_ROWS);
    if (ctx.sqlite !== null) {
      const sets = [
        ...spec.perRow.map((c, i) => `${c.name} = v.column${i + 2}`),
        ...spec.fixed.map((c) => `${c.name} = ?`),
        ...(spec.also ? [spec.also] : []),
      ];
      const text = `UPDATE ${spec.table} SET ${sets.join(', ')} FROM (VALUES ${values(batch.length, spec.perRow.length + 1)}) AS v WHERE ${spec.table}.${spec.key.name} = v.column1`;
      prepared(ctx.sqlite, text).run([...fixed, ...batch.flat()]);
    } else {
      const columns = [spec.key, ...spec.perRow];
      const sets = sql.join([
        ...spec.perRow.map((c) => sql.raw(`${c.name} = v.${c.name}`)),
        ...spec.fixed.map((c, i) => sql`${sql.raw(c.name)} = ${fixed[i] ?? null}::${sql.raw(c.pg)}`),
        ...(spec.also ? [sql.raw(spec.also)] : []),
      ]);
      await sql`UPDATE ${sql.raw(spec.table)} SET ${sets} FROM unnest(${pgArrays(columns, batch, 0)}) AS v(${sql.raw(columns.map((c) => c.name).join(', '))}) WHERE ${sql.raw(spec.table)}.${sql.raw(spec.key.name)} = v.${sql.raw(spec.key.name)}`.execute(ctx.db);
    }
  }
}

/**
 * The same write with the folded twins of any searchable column it sets (see search-columns.ts),
 * so no path that writes issues can leave search behind. `offset`: values before perRow in a row.
 */
function withTwins<S extends { table: string; perRow: Column[] }>(spec: S, rows: unknown[][], offset: number): { spec: S; rows: unknown[][] } {
  const twins = foldedTwins(spec.table, spec.perRow.map((c) => c.name));
  if (twins.length === 0) return { spec, rows };
  return {
    spec: { ...spec, perRow: [...spec.perRow, ...twins.map((t): Column => ({ name: t.twin, pg: 'text' }))] },
    rows: rows.map((row) => [...row, ...twins.map((t) => foldRowValue(t.source, row[t.index + offset]))]),
  };
}
