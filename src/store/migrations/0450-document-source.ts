// The document a project was imported from, kept as a skeleton with its live spans (SPEC §4: a
// report renders the author's own document), and the parent of a phase that is a step of another
// (a week and its days). One row per project; the body is the skeleton as JSON text.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('document_sources')
    .addColumn('project_id', 'integer', (c) => c.primaryKey().references('projects.id').onDelete('cascade'))
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('phases').addColumn('parent', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('phases').dropColumn('parent').execute();
  await db.schema.dropTable('document_sources').execute();
}
