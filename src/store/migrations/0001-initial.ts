// The initial schema, written once for both dialects with Kysely's schema builder. The only
// dialect difference is how an auto-increment key is spelled (see `withId`).
import type { CreateTableBuilder, Kysely } from 'kysely';

type Builder = CreateTableBuilder<string, string>;

function withId(db: Kysely<unknown>, table: string): Builder {
  const isPostgres = db.getExecutor().adapter.constructor.name.startsWith('Postgres');
  return db.schema
    .createTable(table)
    .addColumn('id', isPostgres ? 'serial' : 'integer', (c) =>
      isPostgres ? c.primaryKey() : c.primaryKey().autoIncrement(),
    );
}

const projectRef = (b: Builder): Builder =>
  b.addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'));

export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, 'projects')
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('owner', 'text')
    .addColumn('date', 'text')
    .addColumn('status', 'text')
    .addColumn('summary', 'text')
    .addColumn('next_issue_number', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await projectRef(withId(db, 'issues'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('owner', 'text')
    .addColumn('estimate_minutes', 'integer')
    .addColumn('due_date', 'text')
    .addColumn('files', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('phase', 'text')
    .addColumn('labels', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('links', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('manual'))
    .addColumn('extra', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('group_key', 'text')
    .addColumn('manual_fields', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('issues_project_key', ['project_id', 'key'])
    .execute();
  await db.schema.createIndex('issues_by_state').on('issues').columns(['project_id', 'status', 'severity']).execute();
  await db.schema.createIndex('issues_by_group').on('issues').columns(['project_id', 'group_key']).execute();
  await db.schema.createIndex('issues_by_created').on('issues').columns(['project_id', 'created_at']).execute();

  await withId(db, 'comments')
    .addColumn('issue_id', 'integer', (c) => c.notNull().references('issues.id').onDelete('cascade'))
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('comments_by_issue').on('comments').column('issue_id').execute();

  await projectRef(withId(db, 'events'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_key', 'text')
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema.createIndex('events_by_entity').on('events').columns(['project_id', 'entity_key']).execute();

  await projectRef(withId(db, 'phases'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('ord', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('label', 'text')
    .addColumn('window', 'text')
    .addColumn('branch', 'text')
    .addColumn('hours', 'double precision')
    .addColumn('deliverables', 'text', (c) => c.notNull().defaultTo('[]'))
    .addUniqueConstraint('phases_project_key', ['project_id', 'key'])
    .execute();

  await projectRef(withId(db, 'checklists'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('section', 'text')
    .addColumn('ord', 'integer', (c) => c.notNull())
    .addUniqueConstraint('checklists_project_key', ['project_id', 'key'])
    .execute();

  await projectRef(withId(db, 'check_items'))
    .addColumn('list_type', 'text', (c) => c.notNull())
    .addColumn('list_key', 'text', (c) => c.notNull())
    .addColumn('ord', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rule', 'text')
    .addColumn('done_by', 'text')
    .addColumn('done_at', 'text')
    .execute();
  await db.schema.createIndex('check_items_by_list').on('check_items').columns(['project_id', 'list_type', 'list_key']).execute();

  await projectRef(withId(db, 'kpis'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit', 'text')
    .addColumn('target', 'double precision')
    .addColumn('comparator', 'text')
    .addColumn('phase', 'text')
    .addUniqueConstraint('kpis_project_key', ['project_id', 'key'])
    .execute();

  await projectRef(withId(db, 'kpi_values'))
    .addColumn('kpi_key', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('kpi_values_by_kpi').on('kpi_values').columns(['project_id', 'kpi_key', 'at']).execute();

  await projectRef(withId(db, 'risks'))
    .addColumn('ord', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('mitigation', 'text')
    .addColumn('likelihood', 'text')
    .addColumn('impact', 'text')
    .addColumn('owner', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .execute();

  await projectRef(withId(db, 'teams'))
    .addColumn('ord', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('focus', 'text')
    .addColumn('members', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('capacity_hours', 'double precision')
    .execute();

  await projectRef(withId(db, 'escalation_levels'))
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('after_minutes', 'integer')
    .addColumn('scope', 'text')
    .addColumn('severities', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('contacts', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('resolution', 'text')
    .execute();

  await projectRef(withId(db, 'actions'))
    .addColumn('ord', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('estimate_minutes', 'integer')
    .addColumn('snippet', 'text')
    .addColumn('snippet_lang', 'text')
    .execute();

  await projectRef(withId(db, 'notes'))
    .addColumn('ord', 'integer', (c) => c.notNull())
    .addColumn('section', 'text', (c) => c.notNull())
    .addColumn('markdown', 'text', (c) => c.notNull())
    .execute();

  await projectRef(withId(db, 'runs'))
    .addColumn('tool', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('commit_sha', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('stats', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();

  await projectRef(withId(db, 'findings'))
    .addColumn('tool', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('rule', 'text')
    .addColumn('level', 'text')
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('file', 'text')
    .addColumn('line', 'integer')
    .addColumn('col', 'integer')
    .addColumn('issue_id', 'integer', (c) => c.references('issues.id').onDelete('set null'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('first_run_id', 'integer', (c) => c.notNull())
    .addColumn('last_run_id', 'integer', (c) => c.notNull())
    .addColumn('fixed_run_id', 'integer')
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addUniqueConstraint('findings_identity', ['project_id', 'tool', 'scope', 'fingerprint'])
    .execute();
  await db.schema.createIndex('findings_by_issue').on('findings').column('issue_id').execute();

  await projectRef(withId(db, 'metrics'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('run_id', 'integer')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('metrics_by_kind').on('metrics').columns(['project_id', 'kind', 'at']).execute();

  await db.schema
    .createTable('snapshots')
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('snapshots_pk', ['project_id', 'day'])
    .execute();

  await projectRef(withId(db, 'signoffs'))
    .addColumn('checklist_key', 'text', (c) => c.notNull())
    .addColumn('item_text', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('state_hash', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text')
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('the initial migration cannot be reverted; restore from an export instead');
}
