// Where SQLite and PostgreSQL differ, side by side: everything else in the store is one SQL for
// both. Each difference is one entry of `DialectOps` with its two implementations below, and
// the dialect is known one way: the Kysely adapter (`dialectOf`), or the DbContext built from it.
// Also dialect-specific, by nature, and kept in their adapters: connecting and opening a write
// transaction (sqlite.ts, postgres.ts); bulk row spelling — multi-row VALUES vs unnest() —
// (bulk.ts, which branches on `ctx.sqlite`, the raw connection only SQLite has); reading the
// catalogue (tables, columns, id counters, foreign keys) for backup and restore (repos/backup.ts).
import { type Kysely, PostgresAdapter, type RawBuilder, type SqlBool, sql } from 'kysely';
import { PunchlistError } from '../domain/errors.js';
import type { Dialect } from '../domain/ports.js';

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
