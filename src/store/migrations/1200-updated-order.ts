// The list ordered by last change (`sort=updated`, the dashboard's "recently changed") had no
// index: every page sorted all the project's matching rows (PostgreSQL 1M issues, one severity:
// 1.5 s a page; bench/RESULTS.md, helper serverperf). With (project, updated_at, id) a page and
// its cursor are one index range, as the other orders already are.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('issues_by_updated').on('issues').columns(['project_id', 'updated_at', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('issues_by_updated').execute();
}
