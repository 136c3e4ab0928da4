import { type Kysely, Migrator, sql } from 'kysely';
import { PunchlistError } from '../domain/errors.js';
import { isBusyError } from './dialect.js';
import { migrations } from './migrations/index.js';

/** The migrations recorded in the store; null when it has no migration table yet (a new store). */
async function recorded(db: Kysely<unknown>): Promise<Set<string> | null> {
  try {
    const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
    return new Set(rows.map((r) => r.name));
  } catch {
    return null;
  }
}

/** True when every migration this program knows is recorded: the common case, one read. */
export async function isCurrent(db: Kysely<unknown>): Promise<boolean> {
  const done = await recorded(db);
  const known = Object.keys(migrations);
  return done !== null && done.size === known.length && known.every((name) => done.has(name));
}

/** A store that recorded a migration this program does not know was written by a newer punchlist. */
function refuseNewer(done: Set<string> | null): void {
  const unknown = [...(done ?? [])].filter((name) => !Object.hasOwn(migrations, name)).sort();
  if (unknown.length) {
    throw new PunchlistError('store_unavailable', `store: its schema is newer than this punchlist (it has migration ${unknown.join(', ')}); upgrade punchlist`);
  }
}

/** Brings the schema up to date; a store newer than this program is refused, not touched. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<void> {
  // The migrator takes a write lock even when there is nothing to do; every CLI call opens the
  // store, so look first and only migrate when something is missing.
  const done = await recorded(db);
  refuseNewer(done);
  if (done !== null && Object.keys(migrations).every((name) => done.has(name))) return;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    // Numbers are handed out per piece of work and land in any order: a store that already ran
    // 0600 must still take a 0500 that landed after it. Each migration is independent of the others'
    // order beyond what its number says.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    // Another process holds the lock (creating the same new store): the caller may wait and retry.
    if (isBusyError(error)) throw error;
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    const detail = error instanceof Error ? error.message : String(error);
    if (/corrupted migrations|previously executed migration .* is missing/i.test(detail)) {
      throw new PunchlistError('store_unavailable', `store: its schema is newer than this punchlist (${detail}); upgrade punchlist`);
    }
    throw new PunchlistError('store_unavailable', `store: migration ${failed ?? ''} failed: ${detail}`);
  }
}

/** For readiness probes: does the store answer, and is every known migration recorded? */
export async function schemaStatus(db: Kysely<unknown>): Promise<{ reachable: boolean; migrationsCurrent: boolean }> {
  try {
    await sql`select 1`.execute(db);
  } catch {
    return { reachable: false, migrationsCurrent: false };
  }
  return { reachable: true, migrationsCurrent: await isCurrent(db) };
}
