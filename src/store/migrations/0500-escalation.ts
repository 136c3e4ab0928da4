// Escalation (SPEC §8): the policy fields of a level, the SLA schedule on each issue, the
// escalations fired (one row per issue, level and repeat: the unique key is what makes a firing
// happen exactly once, however many sweeps run at once), their deliveries and every attempt.
import { type Kysely, sql } from 'kysely';
import { withAutoId } from '../dialect.js';


export async function up(db: Kysely<unknown>): Promise<void> {
  const withId = (table: string) => withAutoId(db, db.schema.createTable(table));

  for (const [name, type, dflt] of [
    ['business_hours', 'integer', 0],
    ['phases', 'text', '[]'],
    ['labels', 'text', '[]'],
    ['owners', 'text', '[]'],
    ['channels', 'text', '[]'],
  ] as const) {
    await db.schema.alterTable('escalation_levels').addColumn(name, type, (c) => c.notNull().defaultTo(dflt)).execute();
  }
  await db.schema.alterTable('escalation_levels').addColumn('repeat_minutes', 'integer').execute();

  // When the sweep must look at an issue next (null: nothing scheduled), and whether something
  // changed since it last looked (every issue write sets it). Both are found by index.
  await db.schema.alterTable('issues').addColumn('sla_next_at', 'text').execute();
  await db.schema.alterTable('issues').addColumn('sla_dirty', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema
    .createIndex('issues_sla_next')
    .on('issues')
    .columns(['project_id', 'sla_next_at'])
    .where(sql.ref('sla_next_at'), 'is not', null)
    .execute();
  await db.schema.createIndex('issues_sla_dirty').on('issues').columns(['project_id', 'id']).where(sql.ref('sla_dirty'), '=', 1).execute();

  await withId('escalations')
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('issue_id', 'integer', (c) => c.notNull().references('issues.id').onDelete('cascade'))
    .addColumn('issue_key', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('repeat', 'integer', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('fired_at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('acked_at', 'text')
    .addColumn('acked_by', 'text')
    .addColumn('closed_at', 'text')
    .addUniqueConstraint('escalations_once', ['issue_id', 'level', 'repeat'])
    .execute();
  await db.schema.createIndex('escalations_by_time').on('escalations').columns(['project_id', 'fired_at']).execute();

  await withId('escalation_deliveries')
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('escalation_id', 'integer', (c) => c.notNull().references('escalations.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('last_code', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('delivered_at', 'text')
    .addUniqueConstraint('escalation_deliveries_once', ['escalation_id', 'channel'])
    .execute();
  await db.schema.createIndex('escalation_deliveries_due').on('escalation_deliveries').columns(['state', 'next_attempt_at']).execute();

  await withId('delivery_attempts')
    .addColumn('delivery_id', 'integer', (c) => c.notNull().references('escalation_deliveries.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('code', 'integer')
    .addColumn('error', 'text')
    .addColumn('ms', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('delivery_attempts_by_delivery').on('delivery_attempts').column('delivery_id').execute();

  await db.schema
    .createTable('escalation_policy')
    .addColumn('project_id', 'integer', (c) => c.primaryKey().references('projects.id').onDelete('cascade'))
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['escalation_policy', 'delivery_attempts', 'escalation_deliveries', 'escalations']) await db.schema.dropTable(t).execute();
  await db.schema.dropIndex('issues_sla_dirty').execute();
  await db.schema.dropIndex('issues_sla_next').execute();
}
