// Full-text search and Unicode-folded filters (issues 13 and 8). Each searchable column of an
// issue gets a folded twin (see ../search-columns.ts), filled here for the rows already stored;
// the index over the twins is kept in step by the database on every later write:
// - SQLite: an FTS5 table with the issues table as its external content, fed by triggers;
// - PostgreSQL: a generated tsvector column (key and title weigh most, then owner, labels and
//   files, then the description) with a GIN index.
import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect.js';
import { FOLDED_TWINS, foldRowValue } from '../search-columns.js';

const SOURCES = Object.keys(FOLDED_TWINS) as (keyof typeof FOLDED_TWINS)[];
const TWINS = Object.values(FOLDED_TWINS);
/** The columns the SQLite index reads, in the order of its bm25 weights (see dialect.ts). */
export const FTS_COLUMNS = ['key', ...TWINS];
const BATCH = 500;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const twin of TWINS) {
    await db.schema.alterTable('issues').addColumn(twin, 'text', (c) => c.notNull().defaultTo('')).execute();
  }
  await fillTwins(db);
  await db.schema.createIndex('issues_by_owner').on('issues').columns(['project_id', 'fold_owner']).execute();

  if (dialectOf(db) === 'postgres') {
    await sql`alter table issues add column search_vector tsvector generated always as (
      setweight(to_tsvector('simple'::regconfig, translate(lower(key), '-._', '   ') || ' ' || fold_title), 'A') ||
      setweight(to_tsvector('simple'::regconfig, fold_owner || ' ' || fold_labels || ' ' || fold_files), 'B') ||
      setweight(to_tsvector('simple'::regconfig, fold_description), 'C')) stored`.execute(db);
    await sql`create index issues_search on issues using gin (search_vector)`.execute(db);
    return;
  }
  const cols = FTS_COLUMNS.join(', ');
  const of = (row: 'new' | 'old') => FTS_COLUMNS.map((c) => `${row}.${c}`).join(', ');
  // The twins are folded already; the tokenizer only splits them (and the key) into words.
  await sql.raw(`create virtual table issues_fts using fts5(${cols}, content='issues', content_rowid='id', tokenize='unicode61 remove_diacritics 0', prefix='2 3')`).execute(db);
  await sql.raw(`create trigger issues_fts_insert after insert on issues begin
    insert into issues_fts(rowid, ${cols}) values (new.id, ${of('new')}); end`).execute(db);
  await sql.raw(`create trigger issues_fts_delete after delete on issues begin
    insert into issues_fts(issues_fts, rowid, ${cols}) values ('delete', old.id, ${of('old')}); end`).execute(db);
  await sql.raw(`create trigger issues_fts_update after update of ${cols} on issues begin
    insert into issues_fts(issues_fts, rowid, ${cols}) values ('delete', old.id, ${of('old')});
    insert into issues_fts(rowid, ${cols}) values (new.id, ${of('new')}); end`).execute(db);
  await sql.raw(`insert into issues_fts(issues_fts) values ('rebuild')`).execute(db);
}

/** Folds what is stored, in batches of rows read by id. */
async function fillTwins(db: Kysely<unknown>): Promise<void> {
  const sets = TWINS.map((t, i) => `${t} = v.column${i + 2}`).join(', ');
  for (let after = 0; ; ) {
    const { rows } = await sql<Record<string, unknown> & { id: number }>`select id, ${sql.raw(SOURCES.join(', '))} from issues where id > ${after} order by id limit ${BATCH}`.execute(db);
    if (rows.length === 0) return;
    const tuples = rows.map((r) => sql`(cast(${r.id} as integer), ${sql.join(SOURCES.map((s) => sql`${foldRowValue(s, r[s])}`))})`);
    await sql`update issues set ${sql.raw(sets)} from (values ${sql.join(tuples)}) as v where issues.id = v.column1`.execute(db);
    after = Number(rows[rows.length - 1]!.id);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`alter table issues drop column search_vector`.execute(db);
  } else {
    for (const t of ['insert', 'delete', 'update']) await sql.raw(`drop trigger issues_fts_${t}`).execute(db);
    await sql`drop table issues_fts`.execute(db);
  }
  await db.schema.dropIndex('issues_by_owner').execute();
  for (const twin of TWINS) await db.schema.alterTable('issues').dropColumn(twin).execute();
}
