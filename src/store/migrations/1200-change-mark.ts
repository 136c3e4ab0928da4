// A change mark of this database alone, for PostgreSQL (Store.changeMark, postgres.ts). Every
// statement that writes a table of the store draws a number from one sequence (a statement
// trigger on each table; a sequence never waits for a lock and never goes back, so a rolled-back
// write moves it too). The mark is that number plus the ids of the transactions of this
// database still open with a write: a write drawn before the mark was read and committed after
// shows as its transaction id leaving the list; one drawn after, as a new number. Before this,
// the mark was pg_current_snapshot(), which every database of the server moves.
// SQLite needs nothing: its mark is the file's data_version (sqlite.ts).
// A table added by a later migration gets the trigger with `noteChanges` below.
import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect.js';

export const CHANGE_SEQUENCE = 'punchlist_changes';

/** Makes every write statement on `table` move the change mark (PostgreSQL; SQLite: nothing). */
export async function noteChanges(db: Kysely<unknown>, table: string): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  await sql.raw(`create trigger ${table}_changes after insert or update or delete or truncate on ${table}
    for each statement execute function punchlist_note_change()`).execute(db);
}

async function storeTables(db: Kysely<unknown>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'kysely%'
    order by table_name`.execute(db);
  return rows.map((r) => r.name);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  await sql.raw(`create sequence ${CHANGE_SEQUENCE}`).execute(db);
  await sql.raw(`create function punchlist_note_change() returns trigger language plpgsql as $$
    begin perform nextval('${CHANGE_SEQUENCE}'); return null; end $$`).execute(db);
  for (const table of await storeTables(db)) await noteChanges(db, table);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  for (const table of await storeTables(db)) await sql.raw(`drop trigger if exists ${table}_changes on ${table}`).execute(db);
  await sql.raw('drop function punchlist_note_change()').execute(db);
  await sql.raw(`drop sequence ${CHANGE_SEQUENCE}`).execute(db);
}
