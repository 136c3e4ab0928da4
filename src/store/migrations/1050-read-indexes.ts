// Indexes shaped for the reads of the CLI's slow commands on 100k issues (issue 13):
// - `issue list --owner X` orders by severity, age: an index on (owner, severity, age) hands the
//   first page over in order; with the owner alone (0600) SQLite walked the severity index and
//   looked up most of the table when the owner had no critical issues. It carries the status
//   too, so `--open` and the count beside the table read the index only.
// - `forecast` sums open estimates per phase: the phase index (0200) now carries the estimate,
//   so the sum reads the index only (was a table lookup per open issue: ~600 ms → ~30 ms).
// - `standup` lists what was resolved on a day: an index on resolved_at (only resolved issues
//   have one, so it is partial and small).
// Each replaces an index rather than adding one where it can, so writes (ingest) keep their cost.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('issues_by_owner').execute();
  await db.schema.createIndex('issues_by_owner_order').on('issues').columns(['project_id', 'fold_owner', 'severity', 'created_at', 'id', 'status']).execute();
  await db.schema.dropIndex('issues_by_phase').execute();
  await db.schema.createIndex('issues_by_phase').on('issues').columns(['project_id', 'phase', 'status', 'severity', 'estimate_minutes']).execute();
  await db.schema
    .createIndex('issues_by_resolved')
    .on('issues')
    .columns(['project_id', 'resolved_at'])
    .where(sql.ref('resolved_at'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('issues_by_resolved').execute();
  await db.schema.dropIndex('issues_by_phase').execute();
  await db.schema.createIndex('issues_by_phase').on('issues').columns(['project_id', 'phase', 'status', 'severity']).execute();
  await db.schema.dropIndex('issues_by_owner_order').execute();
  await db.schema.createIndex('issues_by_owner').on('issues').columns(['project_id', 'fold_owner']).execute();
}
