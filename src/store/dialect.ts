// Where SQLite and PostgreSQL differ, side by side: everything else in the store is one SQL for
// both. Each difference is one entry of `DialectOps` with its two implementations below, and
// the dialect is known one way: the Kysely adapter (`dialectOf`), which the adapters put in the
// DbContext and the migrations ask directly. The differences: full-text search; driver errors;
// rows read as arrays on hot paths (SQLite: a cached raw prepared statement); row locks and the
// sign-off chain's lock; seconds between two times; a long id list as one parameter; booleans;
// an auto-increment id column (migrations); the catalogue that backup and restore read (tables,
// columns, id counters, foreign keys). Also dialect-specific, by nature, and kept in their
// adapters: connecting and opening a write transaction (sqlite.ts, postgres.ts); bulk row
// spelling — one prepared row statement vs unnest() — (bulk.ts, which uses `ctx.sqlite`, the raw
// connection only SQLite has).
import {
  type ColumnDefinitionBuilder,
  type Compilable,
  type CreateTableBuilder,
  type Kysely,
  PostgresAdapter,
  type RawBuilder,
  type SqlBool,
  sql,
} from 'kysely';
import { createHash } from 'node:crypto';
import { PunchlistError } from '../domain/errors.js';
import type { Dialect } from '../domain/ports.js';
import { prepared } from './bulk.js';
import type { DbContext } from './db-context.js';

export function dialectOf(db: Kysely<unknown>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** A full-text condition on `issues` and its rank (lower is better on both). */
export interface TextSearch {
  /** SQLite: a derived table `hit(hit_id, hit_rank)` to join on issues.id. */
  join: RawBuilder<unknown> | null;
  where: RawBuilder<SqlBool> | null;
  rank: RawBuilder<number>;
}

/** A select that can be compiled (SQLite's raw path) or executed (PostgreSQL). */
export type ArrayQuery = Compilable<unknown> & { execute(): Promise<unknown[]> };

/** The columns, id counters and foreign keys of the tables, from the database's own catalogue. */
export interface RawColumn {
  name: string;
  type: string;
  nullable: boolean;
  hasDefault: boolean;
  counter: boolean;
}

export interface Catalogue {
  tableNames(db: Kysely<unknown>): Promise<string[]>;
  columns(db: Kysely<unknown>, table: string): Promise<RawColumn[]>;
  references(db: Kysely<unknown>, table: string): Promise<string[]>;
  counter(db: Kysely<unknown>, table: string, column: string): Promise<number>;
  setCounter(db: Kysely<unknown>, table: string, column: string, value: number): Promise<void>;
}

export interface DialectOps {
  readonly name: Dialect;
  /**
   * Issues whose indexed words begin with every one of `words` (folded, letters and digits only).
   * `ranked`: the caller orders by relevance (`rank`); a count or a list in another order asks
   * for no rank, and SQLite then scores no hit at all (bm25 on every hit of a broad word was
   * half the cost of a count).
   */
  textSearch(words: readonly string[], ranked: boolean): TextSearch;
  /** A driver error as the user's or the environment's error, or undefined when it is our bug. */
  mapError(error: unknown, location: string): PunchlistError | undefined;
  /** The rows of a select as arrays in its column order (the hot paths of lists, gates, ingest). */
  arrays(ctx: DbContext, query: ArrayQuery, columns: readonly string[]): Promise<unknown[][]>;
  /**
   * As `arrays`, and on PostgreSQL outside a transaction as a prepared statement, planned once
   * per connection: for reads whose best plan does not hang on the values (not a text search).
   */
  preparedArrays(ctx: DbContext, query: ArrayQuery, columns: readonly string[]): Promise<unknown[][]>;
  /**
   * Each row of a select, as an array in its column order, turned into a value by `map` as it is
   * read (SQLite: a cached raw statement's iterator): a large read never holds every raw row at
   * once, so the rows die young instead of being copied by the garbage collector.
   */
  mapArrays<T>(ctx: DbContext, query: ArrayQuery, columns: readonly string[], map: (values: unknown[]) => T): Promise<T[]>;
  /** A statement run many times per transaction (SQLite: a cached prepared statement). */
  run(ctx: DbContext, query: Compilable<unknown> & { execute(): Promise<unknown> }): Promise<void>;
  /** `SELECT … FOR UPDATE`; SQLite's write transaction already excludes every other writer. */
  forUpdate<Q extends { forUpdate(): Q }>(query: Q): Q;
  /** A lock on (a, b) held to the end of the transaction; SQLite's writes are serial already. */
  transactionLock<DB>(db: Kysely<DB>, a: number, b: number | string): Promise<void>;
  /** Seconds from the ISO-8601 text `column` to the time `now` (as a number in SQL). */
  secondsSince(now: string, column: string): RawBuilder<number>;
  /** `column IN (ids)` with the whole list as one parameter (no limit on bound parameters). */
  idIn(column: string, ids: readonly number[]): RawBuilder<SqlBool>;
  /** A boolean as the column stores it (SQLite: 0/1). */
  booleanValue(value: boolean): unknown;
  readonly catalogue: Catalogue;
}

// A prepared statement's name per SQL text (the list's shapes: a few hundred at most).
const statementNames = new Map<string, string>();
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (name === undefined) {
    if (statementNames.size >= 2_000) statementNames.clear();
    name = `pl_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    statementNames.set(text, name);
  }
  return name;
}

async function executeAsArrays(query: ArrayQuery, columns: readonly string[]): Promise<unknown[][]> {
  const rows = (await query.execute()) as Record<string, unknown>[];
  return rows.map((r) => columns.map((c) => r[c]));
}

/** An id column handed out by the store: SQLite INTEGER PRIMARY KEY AUTOINCREMENT, PostgreSQL serial. */
export function withAutoId<T extends string, C extends string>(db: Kysely<unknown>, table: CreateTableBuilder<T, C>): CreateTableBuilder<T, C | 'id'> {
  return dialectOf(db) === 'postgres'
    ? table.addColumn('id', 'serial', (c: ColumnDefinitionBuilder) => c.primaryKey())
    : table.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement());
}

// Relative weights: key and title, then owner, labels and files, then the description. The
// SQLite index's columns are (key, fold_title, fold_owner, fold_labels, fold_files,
// fold_description) — migration 0600; PostgreSQL's tsvector carries A, B, C weights.
const BM25_WEIGHTS = '10.0, 10.0, 4.0, 4.0, 4.0, 1.0';

const sqliteOps: DialectOps = {
  name: 'sqlite',
  textSearch(words, ranked) {
    // Each word quoted (it holds only letters and digits) and a prefix: `"migr"* "plan"*`.
    const match = words.map((w) => `"${w}"*`).join(' ');
    if (!ranked) {
      return { join: null, where: sql<SqlBool>`issues.id in (select rowid from issues_fts where issues_fts match ${match})`, rank: sql<number>`0` };
    }
    return {
      join: sql`(select rowid as hit_id, bm25(issues_fts, ${sql.raw(BM25_WEIGHTS)}) as hit_rank from issues_fts where issues_fts match ${match})`,
      where: null,
      rank: sql<number>`hit.hit_rank`,
    };
  },
  mapError: (error, location) => mapSqliteError(error, location),
  arrays(ctx, query, columns) {
    // The same SQL, run as a cached raw prepared statement returning arrays: over twice as fast
    // as row objects on 100k issues. Compiled through Kysely, so its plugins (the NUL guard) ran.
    if (ctx.sqlite === null) return executeAsArrays(query, columns);
    const compiled = query.compile();
    return Promise.resolve(prepared(ctx.sqlite, compiled.sql).raw(true).all(compiled.parameters) as unknown[][]);
  },
  preparedArrays(ctx, query, columns) {
    return sqliteOps.arrays(ctx, query, columns); // already a cached prepared statement
  },
  mapArrays(ctx, query, columns, map) {
    if (ctx.sqlite === null) return executeAsArrays(query, columns).then((rows) => rows.map(map));
    const compiled = query.compile();
    const out = [];
    for (const values of prepared(ctx.sqlite, compiled.sql).raw(true).iterate(compiled.parameters)) out.push(map(values as unknown[]));
    return Promise.resolve(out);
  },
  run(ctx, query) {
    if (ctx.sqlite === null) return query.execute().then(() => undefined);
    const compiled = query.compile();
    prepared(ctx.sqlite, compiled.sql).run(compiled.parameters);
    return Promise.resolve();
  },
  forUpdate: (query) => query,
  transactionLock: () => Promise.resolve(),
  secondsSince: (now, column) => sql<number>`((julianday(${now}) - julianday(${sql.ref(column)})) * 86400.0)`,
  idIn: (column, ids) => sql<SqlBool>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(ids)}))`,
  booleanValue: (value) => (value ? 1 : 0),
  catalogue: sqliteCatalogue(),
};

const postgresOps: DialectOps = {
  name: 'postgres',
  textSearch(words) {
    // Lexemes given as they are (already folded), each a prefix: `'migr':* & 'plan':*`.
    const query = words.map((w) => `'${w}':*`).join(' & ');
    return {
      join: null,
      where: sql<SqlBool>`search_vector @@ ${query}::tsquery`,
      rank: sql<number>`-ts_rank(search_vector, ${query}::tsquery)`,
    };
  },
  mapError: (error, location) => mapPostgresError(error, location),
  arrays: (_ctx, query, columns) => executeAsArrays(query, columns),
  preparedArrays(ctx, query, columns) {
    if (!ctx.prepared) return executeAsArrays(query, columns); // in a transaction: its connection
    const compiled = query.compile();
    return ctx.prepared(statementName(compiled.sql), compiled.sql, compiled.parameters);
  },
  mapArrays: (_ctx, query, columns, map) => executeAsArrays(query, columns).then((rows) => rows.map(map)),
  run: (_ctx, query) => query.execute().then(() => undefined),
  forUpdate: (query) => query.forUpdate(),
  async transactionLock(db, a, b) {
    // A text key is hashed by the server (hashtext), a number is used as it is.
    const second = typeof b === 'string' ? sql`hashtext(${b})` : sql`${b}`;
    await sql`select pg_advisory_xact_lock(${a}::int, ${second})`.execute(db);
  },
  secondsSince: (now, column) => sql<number>`extract(epoch from (${now}::timestamptz - ${sql.ref(column)}::timestamptz))`,
  idIn: (column, ids) => sql<SqlBool>`${sql.ref(column)} = any(${ids}::int[])`,
  booleanValue: (value) => value,
  catalogue: postgresCatalogue(),
};

export const dialectOps = (dialect: Dialect): DialectOps => (dialect === 'postgres' ? postgresOps : sqliteOps);

const codeOf = (error: unknown): string =>
  typeof error === 'object' && error !== null && 'code' in error ? String((error).code) : '';

/** Another connection holds the lock we need (SQLite: busy/locked; PostgreSQL: lock not available, deadlock). */
export function isBusyError(error: unknown): boolean {
  const code = codeOf(error);
  return /^SQLITE_(BUSY|LOCKED)/.test(code) || code === '55P03' || code === '40P01' || (error instanceof PunchlistError && error.code === 'store_locked');
}

const unavailable = (message: string) => new PunchlistError('store_unavailable', message);

function constraint(kind: 'unique' | 'reference' | 'value'): PunchlistError {
  if (kind === 'unique') return new PunchlistError('duplicate', 'store: refused: that would duplicate a record that already exists');
  if (kind === 'reference') return new PunchlistError('bad_input', 'store: refused: it refers to a record that does not exist');
  return new PunchlistError('bad_input', 'store: refused: a value the store does not accept');
}

function mapSqliteError(error: unknown, location: string): PunchlistError | undefined {
  const code = codeOf(error);
  if (!code.startsWith('SQLITE_')) return undefined;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new PunchlistError('store_locked', 'store: the database is locked by another process; try again');
  }
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return constraint('unique');
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return constraint('reference');
  if (code.startsWith('SQLITE_CONSTRAINT')) return constraint('value');
  if (code === 'SQLITE_FULL') return unavailable(`store: the disk holding ${location} is full; free some space and try again`);
  // SQLite reports a disk that fills up mid-write as an I/O error of the write (or of growing the
  // WAL index); it cannot tell ENOSPC from a failing disk, so neither do we.
  if (['SQLITE_IOERR_WRITE', 'SQLITE_IOERR_SHMSIZE', 'SQLITE_IOERR_FSYNC', 'SQLITE_IOERR_TRUNCATE'].includes(code)) {
    return unavailable(`store: could not write ${location}: the disk is full or failing (${code}); free some space and try again`);
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH') {
    return unavailable(`store: ${location} is read-only (the file or its directory); punchlist needs to write there`);
  }
  if (code.startsWith('SQLITE_CANTOPEN')) return unavailable(`store: cannot open ${location} (is the file or its directory readable and writable?)`);
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) return unavailable(`store: ${location} is not a readable punchlist store (damaged, or another kind of file)`);
  if (code.startsWith('SQLITE_IOERR')) return unavailable(`store: cannot read or write ${location} (${code})`);
  return undefined;
}

// SQLSTATE classes: https://www.postgresql.org/docs/current/errcodes-appendix.html
function mapPostgresError(error: unknown, location: string): PunchlistError | undefined {
  const code = codeOf(error);
  if (code === '23505') return constraint('unique');
  if (code === '23503') return constraint('reference');
  if (code.startsWith('23') || code.startsWith('22')) return constraint('value');
  if (code === '40001' || code === '40P01' || code === '55P03') {
    return new PunchlistError('store_locked', 'store: a concurrent change got in the way; try again');
  }
  if (code === '53100') return unavailable(`store: the disk of the PostgreSQL server at ${location} is full`);
  if (code.startsWith('53')) return unavailable(`store: the PostgreSQL server at ${location} is out of resources (${code}); try again later`);
  if (code === '25006') return unavailable(`store: the PostgreSQL server at ${location} is read-only (a standby?)`);
  if (code === '42501' || code.startsWith('28')) return unavailable(`store: not allowed on the PostgreSQL server at ${location} (${code})`);
  if (code.startsWith('08') || code.startsWith('57') || code === '3D000') return unavailable(`store: lost or refused the connection to PostgreSQL at ${location} (${code})`);
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE'].includes(code)) {
    return unavailable(`store: cannot reach PostgreSQL at ${location} (${code})`);
  }
  if (error instanceof Error && /Connection terminated|connection timeout/i.test(error.message)) {
    return unavailable(`store: lost the connection to PostgreSQL at ${location}`);
  }
  return undefined;
}

// The migrator's own tables are not data: a backup names its migrations in its header instead.
const isInternal = (name: string): boolean => name.startsWith('kysely_') || name.startsWith('sqlite_');

function sqliteCatalogue(): Catalogue {
  return {
    async tableNames(db) {
      // Ordinary tables only: a full-text index (virtual table) and its shadow tables are derived
      // data, rebuilt by their triggers as the rows go back in.
      const { rows } = await sql<{ name: string }>`select name from pragma_table_list where schema = 'main' and type = 'table' order by name`.execute(db);
      return rows.map((r) => r.name).filter((n) => !isInternal(n));
    },
    async columns(db, table) {
      const { rows } = await sql<{ name: string; type: string; notnull: number; dflt_value: unknown; pk: number }>`
        select name, type, "notnull", dflt_value, pk from pragma_table_info(${table}) order by cid`.execute(db);
      // An INTEGER PRIMARY KEY is the rowid: the counter SQLite hands out ids from.
      const pks = rows.filter((r) => r.pk > 0);
      const counter = pks.length === 1 && pks[0]!.type.toLowerCase() === 'integer' ? pks[0]!.name : null;
      return rows.map((r) => ({
        name: r.name,
        type: r.type,
        nullable: r.notnull === 0 && r.pk === 0,
        hasDefault: r.dflt_value !== null || r.name === counter,
        counter: r.name === counter,
      }));
    },
    async references(db, table) {
      const { rows } = await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${table})`.execute(db);
      return rows.map((r) => r.table);
    },
    async counter(db, table, column) {
      // AUTOINCREMENT tables remember the highest id ever handed out, even after deletes.
      const seq = await sql<{ seq: number }>`select seq from sqlite_sequence where name = ${table}`.execute(db).catch(() => ({ rows: [] }));
      if (seq.rows[0]) return Number(seq.rows[0].seq);
      const max = await sql<{ m: number | null }>`select max(${sql.ref(column)}) as m from ${sql.table(table)}`.execute(db);
      return Number(max.rows[0]?.m ?? 0);
    },
    async setCounter(db, table, _column, value) {
      const updated = await sql`update sqlite_sequence set seq = ${value} where name = ${table}`.execute(db).catch(() => null);
      if (updated && Number(updated.numAffectedRows ?? 0) === 0 && value > 0) {
        await sql`insert into sqlite_sequence (name, seq) values (${table}, ${value})`.execute(db).catch(() => undefined);
      }
    },
  };
}

function postgresCatalogue(): Catalogue {
  return {
    async tableNames(db) {
      const { rows } = await sql<{ name: string }>`
        select table_name as name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db);
      return rows.map((r) => r.name).filter((n) => !isInternal(n));
    },
    async columns(db, table) {
      const { rows } = await sql<{ name: string; type: string; nullable: string; dflt: string | null; identity: string }>`
        select column_name as name, data_type as type, is_nullable as nullable, column_default as dflt, is_identity as identity
        from information_schema.columns where table_schema = current_schema() and table_name = ${table}
          and is_generated = 'NEVER'
        order by ordinal_position`.execute(db);
      return rows.map((r) => {
        const counter = r.identity === 'YES' || (r.dflt ?? '').startsWith('nextval(');
        return { name: r.name, type: r.type, nullable: r.nullable === 'YES', hasDefault: r.dflt !== null || counter, counter };
      });
    },
    async references(db, table) {
      const { rows } = await sql<{ ref: string }>`
        select distinct ccu.table_name as ref
        from information_schema.table_constraints tc
        join information_schema.constraint_column_usage ccu
          on ccu.constraint_schema = tc.constraint_schema and ccu.constraint_name = tc.constraint_name
        where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = current_schema() and tc.table_name = ${table}`.execute(db);
      return rows.map((r) => r.ref);
    },
    async counter(db, table, column) {
      const seq = await sequenceOf(db, table, column);
      if (seq === null) return 0;
      const { rows } = await sql<{ last_value: number; is_called: boolean }>`select last_value, is_called from ${sql.raw(seq)}`.execute(db);
      const row = rows[0];
      return row ? (row.is_called ? Number(row.last_value) : Number(row.last_value) - 1) : 0;
    },
    async setCounter(db, table, column, value) {
      const seq = await sequenceOf(db, table, column);
      if (seq === null) return;
      // setval(…, false) makes the next id `value + 1` without claiming `value` was handed out.
      await sql`select setval(${seq}, ${Math.max(value, 0) + 1}, false)`.execute(db);
    },
  };
}

async function sequenceOf(db: Kysely<unknown>, table: string, column: string): Promise<string | null> {
  const { rows } = await sql<{ seq: string | null }>`select pg_get_serial_sequence(${table}, ${column}) as seq`.execute(db);
  return rows[0]?.seq ?? null;
}
