// The embedded store: one SQLite file in WAL mode. Readers never block; writers from several
// processes serialise on SQLite's write lock, waiting up to the busy timeout for it.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Sqlite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { isPunchlistError, PunchlistError } from '../domain/errors.js';
import type { Store, StoreSession } from '../domain/ports.js';
import { isBusyError } from './dialect.js';
import { driverErrors, sessionFor } from './kysely-store.js';
import { migrateToLatest, schemaStatus } from './migrate.js';
import type { Database } from './schema.js';
import { NulGuardPlugin } from './text-guard.js';

export interface SqliteOptions {
  /** How long a writer waits for another process's write to finish, in ms. */
  busyTimeoutMs?: number;
}

export async function openSqliteStore(path: string, options: SqliteOptions = {}): Promise<Store> {
  const busyTimeoutMs = options.busyTimeoutMs ?? 10_000;
  const mapError = driverErrors({ dialect: 'sqlite', location: path });
  let raw: Sqlite.Database;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    raw = new Sqlite(path, { timeout: busyTimeoutMs });
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    raw.pragma('foreign_keys = ON');
  } catch (error) {
    const mapped = mapError(error);
    throw isPunchlistError(mapped) ? mapped : new PunchlistError('store_unavailable', `store: cannot open ${path}: ${(error as Error).message}`);
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: reusingStatements(raw) }), plugins: [new NulGuardPlugin()] });
  const session = sessionFor({ db, dialect: 'sqlite', sqlite: raw, location: path });

  try {
    await withLockRetry(() => migrateToLatest(db as Kysely<unknown>));
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw mapError(error);
  }

  // One connection per process, so writes inside this process take turns too.
  let queue: Promise<unknown> = Promise.resolve();
  // Change marks: data_version moves when another connection commits, total_changes() when
  // this one writes, and `writes` when one of our write transactions ends (a rollback too).
  // While a transaction is open here, reads may see its uncommitted rows: no mark matches then.
  let writes = 0;
  let unmatched = 0;
  const markStatement = raw.prepare('select data_version, total_changes() from pragma_data_version').raw();
  const changeMark = (): Promise<string> => {
    if (raw.inTransaction) return Promise.resolve(`open-${++unmatched}`);
    const [version, changes] = markStatement.get() as [number, number];
    return Promise.resolve(`${version}.${changes}.${writes}`);
  };

  const write = <T>(fn: (tx: StoreSession) => Promise<T>): Promise<T> => {
    const run = async (): Promise<T> => {
      beginImmediate(raw, busyTimeoutMs);
      try {
        const result = await fn(session);
        raw.exec('COMMIT');
        return result;
      } catch (error) {
        if (raw.inTransaction) raw.exec('ROLLBACK');
        throw mapError(error);
      } finally {
        writes++;
      }
    };
    return enqueue(run);
  };

  // A deferred transaction reads one snapshot (WAL): other processes keep writing meanwhile.
  const snapshot = <T>(fn: (view: StoreSession) => Promise<T>): Promise<T> =>
    enqueue(async () => {
      raw.exec('BEGIN');
      try {
        return await fn(session);
      } finally {
        if (raw.inTransaction) raw.exec('COMMIT');
      }
    });

  function enqueue<T>(run: () => Promise<T>): Promise<T> {
    const next = queue.then(run, run);
    queue = next.catch(() => undefined);
    return next;
  }

  return {
    ...session,
    location: path,
    write,
    ready: () => schemaStatus(db as Kysely<unknown>),
    snapshot,
    changeMark,
    async close() {
      await queue;
      await db.destroy();
    },
  };
}

function beginImmediate(raw: Sqlite.Database, busyTimeoutMs: number): void {
  try {
    raw.exec('BEGIN IMMEDIATE');
  } catch (error) {
    if (isBusyError(error)) {
      throw new PunchlistError('store_locked', `store: another process held the write lock for over ${busyTimeoutMs / 1000}s; try again`);
    }
    throw error;
  }
}


/**
 * Two processes opening a fresh store at once race to create it; the loser waits and re-checks.
 * Only that is retried: any other failure (a newer schema, a read-only file) is final at once.
 */
async function withLockRetry(fn: () => Promise<void>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await fn();
      return;
    } catch (error) {
      if (attempt >= 20 || !isBusyError(error)) throw error;
      await new Promise((r) => setTimeout(r, 50 + attempt * 50));
    }
  }
}

/**
 * The connection as Kysely sees it, with its prepared statements kept by SQL text: Kysely
 * prepares every query it runs, and preparing costs as much as running a small read (a third of
 * the time of a project lookup). Statements are only run to completion (all/run, never a
 * stream left open), so one statement serves every caller in turn. Bounded: dynamic IN lists
 * make many texts, so the cache starts again past 1,000.
 */
function reusingStatements(raw: Sqlite.Database): { close(): void; prepare(sql: string): Sqlite.Statement } {
  const statements = new Map<string, Sqlite.Statement>();
  return {
    close: () => raw.close(),
    prepare(text) {
      let statement = statements.get(text);
      if (statement === undefined) {
        statement = raw.prepare(text);
        if (statements.size >= 1_000) statements.clear();
        statements.set(text, statement);
      }
      return statement;
    },
  };
}
