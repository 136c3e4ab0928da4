// Rules, standups and snapshots count issues by phase as often as by state: without this index
// a phase-scoped count or the per-phase tally reads the whole issues table. It also covers the
// tally (severity × status × phase) so that never touches the table either.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('issues_by_phase').on('issues').columns(['project_id', 'phase', 'status', 'severity']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('issues_by_phase').execute();
}
