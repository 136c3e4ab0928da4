// The ingest runs page reads a project's runs newest first, a page at a time (id below a cursor):
// this index answers that without reading other projects' runs.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('runs_by_project').on('runs').columns(['project_id', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('runs_by_project').execute();
}
