// What the last writing ingest of each (tool, scope) left behind: a digest of its input (the
// prepared findings, their severities and groups, the overwrite setting) and a digest of the
// store state it produced (the scope's findings and the versions of their issues). An ingest
// whose input and store digests both match changes nothing, so it skips reading and comparing
// every stored finding (services/ingest.ts). Losing a row only costs the slow path.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('ingest_states')
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('tool', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('input_digest', 'text', (c) => c.notNull())
    .addColumn('store_digest', 'text', (c) => c.notNull())
    .addColumn('run_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('ingest_states_pk', ['project_id', 'tool', 'scope'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('ingest_states').execute();
}
