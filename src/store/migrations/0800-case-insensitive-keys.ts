// Keys are unique regardless of case (SPEC §5): `tb-1` beside `TB-1` in one project, or a project
// `tb` beside `TB`, is refused by a unique index on the lower-cased key. Keys are ASCII letters,
// digits, ".", "_" and "-" (domain/document.ts keySchema), so lower() is the same on both stores.
//
// A store written before this rule may already hold such a pair. It migrates cleanly: the oldest
// record (lowest id) keeps its key; each later one is renamed `<key>-dup<id>` (still a valid key,
// never taken: ids are unique), and the rename is written to the event log, so nobody loses an
// issue and the history says why its key changed.
import { type Kysely, sql } from 'kysely';

const ACTOR = 'punchlist (migration 0800)';

interface Clash {
  id: number;
  project_id: number;
  key: string;
}

// One grouping pass finds the folded keys held more than once (an index-free self-join on
// lower(key) would be quadratic on a big store); only the records of those groups are then read.
async function laterDuplicates(db: Kysely<unknown>, table: 'issues' | 'projects'): Promise<Clash[]> {
  const group = table === 'issues' ? sql`project_id, ` : sql``;
  const scope = table === 'issues' ? sql`t.project_id = d.project_id and ` : sql``;
  const projectId = table === 'issues' ? sql`t.project_id` : sql`t.id`;
  const { rows } = await sql<Clash>`
    select t.id, ${projectId} as project_id, t.key
    from ${sql.table(table)} t
    join (select ${group}lower(key) as folded, min(id) as first from ${sql.table(table)}
          group by ${group}lower(key) having count(*) > 1) d
      on ${scope}lower(t.key) = d.folded and t.id > d.first
    order by t.id`.execute(db);
  return rows.map((r) => ({ id: Number(r.id), project_id: Number(r.project_id), key: String(r.key) }));
}

async function rename(db: Kysely<unknown>, table: 'issues' | 'projects', clash: Clash, at: string): Promise<void> {
  const key = `${clash.key.slice(0, 40)}-dup${clash.id}`;
  await sql`update ${sql.table(table)} set key = ${key} where id = ${clash.id}`.execute(db);
  const entity = table === 'issues' ? 'issue' : 'project';
  const data = JSON.stringify({ before: clash.key, after: key, why: 'keys are unique regardless of case; an older record holds this key in another case' });
  await sql`insert into events (project_id, at, actor, action, entity, entity_key, data)
    values (${clash.project_id}, ${at}, ${ACTOR}, ${`${entity}.renamed`}, ${entity}, ${key}, ${data})`.execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const at = new Date().toISOString();
  for (const table of ['projects', 'issues'] as const) {
    for (const clash of await laterDuplicates(db, table)) await rename(db, table, clash, at);
  }
  await sql`create unique index projects_key_fold on projects (lower(key))`.execute(db);
  await sql`create unique index issues_project_key_fold on issues (project_id, lower(key))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index issues_project_key_fold`.execute(db);
  await sql`drop index projects_key_fold`.execute(db);
}
