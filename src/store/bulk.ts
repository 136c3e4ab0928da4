// Writes for the store's bulk paths (ingest, document import, restore). The two dialects take
// the shape each is fastest with, measured (bench/RESULTS.md):
// - SQLite (in process, no round trips): one cached prepared single-row statement, executed
//   once per row inside the open transaction: faster than multi-row VALUES lists, which cost
//   more to bind than they save (200,000 findings: 1.0 s single-row, 1.2–1.9 s in batches).
// - PostgreSQL: one array per column, unnested server-side, PG_BATCH_ROWS rows per statement,
//   so the round trips grow with batches, not with rows.
// The columns and their order are shared; only how rows are spelled differs.
import type Sqlite from 'better-sqlite3';
import { type RawBuilder, sql } from 'kysely';
import type { DbContext } from './db-context.js';
import { foldedTwins, foldRowValue } from './search-columns.js';
import { refuseNulParams } from './text-guard.js';

export type PgType = 'int' | 'text' | 'float8';

export interface Column {
  name: string;
  pg: PgType;
}

/** Rows per PostgreSQL statement: one array per column, so no parameter limit applies. */
export const PG_BATCH_ROWS = 5_000;

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
  if (rows.length === 0) return out;
  if (ctx.sqlite !== null) {
    // Raw statements bypass Kysely and its NUL guard (text-guard.ts): the same refusal here.
    refuseNulParams(fixed);
    refuseNulParams(rows);
    const statement = prepared(ctx.sqlite, `INSERT INTO ${spec.table} (${names}) VALUES (${[...spec.fixed, ...spec.perRow].map(() => '?').join(', ')})${returning}`);
    const params = [...fixed];
    const width = fixed.length;
    for (const row of rows) {
      for (let i = 0; i < row.length; i++) params[width + i] = row[i];
      if (returning) out.push(statement.get(params) as Record<string, unknown>);
      else statement.run(params);
    }
    return out;
  }
  for (let start = 0; start < rows.length; start += PG_BATCH_ROWS) {
    const batch = rows.slice(start, start + PG_BATCH_ROWS);
    const fixedSql = sql.join(spec.fixed.map((c, i) => sql`${fixed[i] ?? null}::${sql.raw(c.pg)}`));
    const query = sql<Record<string, unknown>>`INSERT INTO ${sql.raw(spec.table)} (${sql.raw(names)}) SELECT ${fixedSql}${spec.fixed.length ? sql`, ` : sql``}u.* FROM unnest(${pgArrays(spec.perRow, batch, 0)}) AS u${sql.raw(returning)}`;
    const result = await query.execute(ctx.db);
    out.push(...result.rows);
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
  /** The row's expected version, last in every row: a row whose version moved is not updated. */
  version?: Column;
}

/**
 * UPDATE of a list of rows, matched on the key (the first value of every row). With
 * `spec.version`, each row carries the version it was read at (its last value) and only rows
 * still at that version are written: the keys of the rows written are returned, so the caller
 * can tell which lost a race with another writer.
 */
export async function bulkUpdate(ctx: DbContext, given: UpdateSpec, fixed: unknown[], givenRows: unknown[][]): Promise<unknown[]> {
  const written: unknown[] = [];
  if (givenRows.length === 0) return written;
  // Twins are computed from [key, ...perRow]; the expected version stays last.
  const versioned = given.version !== undefined;
  const twinned = withTwins(given, versioned ? givenRows.map((r) => r.slice(0, -1)) : givenRows, 1);
  const spec = twinned.spec;
  const rows = versioned ? twinned.rows.map((r, i) => [...r, givenRows[i]?.at(-1)]) : twinned.rows;
  if (ctx.sqlite !== null) {
    refuseNulParams(fixed);
    refuseNulParams(rows);
    const sets = [...spec.perRow.map((c) => `${c.name} = ?`), ...spec.fixed.map((c) => `${c.name} = ?`), ...(spec.also ? [spec.also] : [])];
    const where = `${spec.key.name} = ?${spec.version ? ` AND ${spec.version.name} = ?` : ''}`;
    const statement = prepared(ctx.sqlite, `UPDATE ${spec.table} SET ${sets.join(', ')} WHERE ${where}`);
    const width = spec.perRow.length;
    const params = new Array<unknown>(width + fixed.length + 2);
    fixed.forEach((value, i) => (params[width + i] = value));
    const keyAt = width + fixed.length;
    for (const row of rows) {
      for (let i = 0; i < width; i++) params[i] = row[i + 1];
      params[keyAt] = row[0];
      if (spec.version) params[keyAt + 1] = row[width + 1];
      else params.length = keyAt + 1;
      if (statement.run(params).changes > 0) written.push(row[0]);
    }
    return written;
  }
  // The expected version gets its own name in v: "version = version + 1" must not be ambiguous.
  const columns = [spec.key, ...spec.perRow, ...(spec.version ? [{ ...spec.version, name: 'expected_version' }] : [])];
  const sets = sql.join([
    ...spec.perRow.map((c) => sql.raw(`${c.name} = v.${c.name}`)),
    ...spec.fixed.map((c, i) => sql`${sql.raw(c.name)} = ${fixed[i] ?? null}::${sql.raw(c.pg)}`),
    ...(spec.also ? [sql.raw(spec.also)] : []),
  ]);
  const table = sql.raw(spec.table);
  const key = sql.raw(spec.key.name);
  const versionCheck = spec.version ? sql` AND ${table}.${sql.raw(spec.version.name)} = v.expected_version` : sql``;
  for (let start = 0; start < rows.length; start += PG_BATCH_ROWS) {
    const batch = rows.slice(start, start + PG_BATCH_ROWS);
    const result = await sql<{ key: unknown }>`UPDATE ${table} SET ${sets} FROM unnest(${pgArrays(columns, batch, 0)}) AS v(${sql.raw(columns.map((c) => c.name).join(', '))}) WHERE ${table}.${key} = v.${key}${versionCheck} RETURNING ${table}.${key} AS key`.execute(ctx.db);
    for (const row of result.rows) written.push(row.key);
  }
  return written;
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
