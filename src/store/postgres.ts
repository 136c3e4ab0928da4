// The team store: a PostgreSQL server. Stateless: any number of processes may share it.
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PunchlistError } from '../domain/errors.js';
import type { Store } from '../domain/ports.js';
import { driverErrors, sessionFor } from './kysely-store.js';
import { maskSecrets } from './mask.js';
import { migrateToLatest, schemaStatus } from './migrate.js';
import type { Database } from './schema.js';
import { NulGuardPlugin } from './text-guard.js';

// COUNT(*) and BIGINT come back as strings by default; our counts fit a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/** The URL with its password replaced, for every message a person may read. */
export const maskUrl = maskSecrets;

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
  const session = sessionFor({ db, dialect: 'postgres', sqlite: null, location });

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
    // The current snapshot (xmin:xmax:in-progress xids) changes whenever any transaction that
    // wrote ends, and two equal snapshots see exactly the same rows.
    changeMark: async () => {
      try {
        const result = await pool.query<{ s: string }>('select pg_current_snapshot()::text as s');
        return result.rows[0]!.s;
      } catch (error) {
        throw mapError(error);
      }
    },
    async close() {
      await db.destroy();
    },
  };
}
