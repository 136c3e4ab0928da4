// The team store: a PostgreSQL server. Stateless: any number of processes may share it.
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PunchlistError } from '../domain/errors.js';
import type { Store } from '../domain/ports.js';
import { driverErrors, sessionFor } from './kysely-store.js';
import { maskSecrets } from './mask.js';
import { migrateToLatest, schemaStatus } from './migrate.js';
import { CHANGE_SEQUENCE } from './migrations/1200-change-mark.js';
import type { Database } from './schema.js';
import { NulGuardPlugin } from './text-guard.js';

// COUNT(*) and BIGINT come back as strings by default; our counts fit a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/** The URL with its password replaced, for every message a person may read. */
export const maskUrl = maskSecrets;

// The change mark of this database (migration 1200): the number the last write statement drew,
// and the transactions of this database that are open with a write. Other databases on the
// same server do not move it.
const MARK_QUERY = `select coalesce(pg_sequence_last_value('${CHANGE_SEQUENCE}'), 0)::text || ':' || coalesce((
    select string_agg(a.backend_xid::text, ',' order by a.backend_xid::text) from pg_stat_get_activity(null) a
    where a.datid = (select oid from pg_database where datname = current_database()) and a.backend_xid is not null), '') as mark`;

/**
 * One read of the mark shared by every caller that asked before it was sent. A caller never takes
 * a read sent before it asked (that could predate a write it has seen committed): while one read
 * is out, the callers arriving meanwhile wait for the next, which is sent when it comes back.
 * Fifty requests at once cost two round trips instead of fifty.
 */
export function coalesced(read: () => Promise<string>): () => Promise<string> {
  let sent: Promise<string> | null = null;
  let queued: Promise<string> | null = null;
  const send = (): Promise<string> => {
    const current = read().finally(() => {
      if (sent === current) sent = null;
    });
    sent = current;
    return current;
  };
  return () => {
    if (sent === null) return send();
    queued ??= sent.then(
      () => undefined,
      () => undefined,
    ).then(() => {
      queued = null;
      return send();
    });
    return queued;
  };
}

export async function openPostgresStore(url: string, options: { poolSize?: number } = {}): Promise<Store> {
  const location = maskUrl(url);
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, connectionTimeoutMillis: 5_000 });
  // An idle client that loses its server must not crash the process.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new PunchlistError('store_unavailable', `store: cannot reach PostgreSQL at ${location}: ${maskSecrets((error as Error).message)}`);
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new NulGuardPlugin()] });
  const mapError = driverErrors({ dialect: 'postgres', location });
  // Kysely takes an advisory lock around migrations, so replicas starting together are safe.
  try {
    await migrateToLatest(db as Kysely<unknown>);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw mapError(error);
  }
  // Outside a transaction, hot reads may run as named prepared statements (pg keeps them per
  // connection): at 1M issues, planning a list page cost PostgreSQL more than running it.
  const prepared = (name: string, text: string, values: readonly unknown[]) =>
    pool.query<unknown[]>({ name, text, values: [...values], rowMode: 'array' }).then((r) => r.rows);
  const session = sessionFor({ db, dialect: 'postgres', sqlite: null, location, prepared });

  return {
    ...session,
    location,
    ready: () => schemaStatus(db as Kysely<unknown>),
    write: (fn) =>
      db
        .transaction()
        .execute((trx) => fn(sessionFor({ db: trx, dialect: 'postgres', sqlite: null, location })))
        .catch((error: unknown) => Promise.reject(mapError(error) as Error)),
    snapshot: (fn) =>
      db
        .transaction()
        .setIsolationLevel('repeatable read')
        .setAccessMode('read only')
        .execute((trx) => fn(sessionFor({ db: trx, dialect: 'postgres', sqlite: null, location })))
        .catch((error: unknown) => Promise.reject(mapError(error) as Error)),
    changeMark: coalesced(async () => {
      try {
        const result = await pool.query<{ mark: string }>(MARK_QUERY);
        return result.rows[0]!.mark;
      } catch (error) {
        throw mapError(error);
      }
    }),
    async close() {
      await db.destroy();
    },
  };
}
