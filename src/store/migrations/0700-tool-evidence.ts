// Evidence for rules: a scan command whose tool crashed leaves a record, so rules that depend on
// it are unknown until it runs cleanly again; and the latest metric of every scope is found
// through an index rather than by reading the newest rows of the project.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tool_failures')
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('tool', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('exit_code', 'integer')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('tool_failures_pk', ['project_id', 'name', 'scope'])
    .execute();
  await db.schema.createIndex('metrics_by_scope').on('metrics').columns(['project_id', 'kind', 'scope', 'at', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('metrics_by_scope').execute();
  await db.schema.dropTable('tool_failures').execute();
}
