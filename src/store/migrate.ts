import { type Kysely, Migrator } from 'kysely';
import { PunchlistError } from '../domain/errors.js';
import { migrations } from './migrations/index.js';

/** Brings the schema up to date; a store newer than this program is refused, not touched. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    const detail = error instanceof Error ? error.message : String(error);
    if (/corrupted migrations|previously executed migration .* is missing/i.test(detail)) {
      throw new PunchlistError('store_unavailable', `store: its schema is newer than this punchlist (${detail}); upgrade punchlist`);
    }
    throw new PunchlistError('store_unavailable', `store: migration ${failed ?? ''} failed: ${detail}`);
  }
}
