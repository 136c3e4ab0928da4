// Bulk write paths of the store, measured: raw prepared statements against the query builder,
// on SQLite and on PostgreSQL (PUNCHLIST_BENCH_PG=url, or a throwaway local server).
// Run after `npm run build`:  node bench/store.js     (BENCH_SIZE=small in CI)
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { openPostgresStore } from '../dist/store/postgres.js';
import { openSqliteStore } from '../dist/store/sqlite.js';
import { withBenchPostgres } from './postgres.js';
import { benchSize, secs, timed } from './sizes.js';

const N = benchSize(200_000, 20_000);
const SEVERITIES = ['critical', 'major', 'medium', 'minor'];
const NOW = new Date().toISOString();
const COLUMNS = ['project_id', 'key', 'title', 'severity', 'status', 'files', 'created_at', 'updated_at'];
const rowAt = (projectId, i) => [projectId, `K-${i}`, `Issue ${i} in services/module-${i % 5000}.ts`, SEVERITIES[i % 4], 'backlog', `["services/module-${i % 5000}.ts"]`, NOW, NOW];
const asObject = (values) => Object.fromEntries(COLUMNS.map((c, i) => [c, values[i]]));

async function freshSqlite() {
  const path = join(mkdtempSync(join(tmpdir(), 'pl-bench-')), 'b.db');
  const store = await openSqliteStore(path);
  const { id } = await store.projects.insert({ key: 'B', name: 'bench', title: null, owner: null, date: null, status: null, summary: null });
  await store.close();
  const raw = new Sqlite(path);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  return { raw, projectId: id };
}

async function sqliteRaw() {
  const { raw, projectId } = await freshSqlite();
  const insert = raw.prepare(`insert into issues (${COLUMNS.join(', ')}) values (${COLUMNS.map(() => '?').join(', ')})`);
  const { ms } = await timed(() => raw.transaction(() => {
    for (let i = 0; i < N; i++) insert.run(rowAt(projectId, i));
  })());
  raw.close();
  return ms;
}

async function sqliteBuilder() {
  const { raw, projectId } = await freshSqlite();
  const db = new Kysely({ dialect: new SqliteDialect({ database: raw }) });
  const { ms } = await timed(() => db.transaction().execute(async (trx) => {
    for (let i = 0; i < N; i += 500) {
      const batch = [];
      for (let j = i; j < Math.min(N, i + 500); j++) batch.push(asObject(rowAt(projectId, j)));
      await trx.insertInto('issues').values(batch).execute();
    }
  }));
  await db.destroy();
  return ms;
}

let databases = 0;
/** A new database on the server, migrated, with one project: returns its URL and the project id. */
async function freshPostgres(serverUrl) {
  const name = `bench_${process.pid}_${databases++}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const store = await openPostgresStore(url.toString());
  const { id } = await store.projects.insert({ key: 'B', name: 'bench', title: null, owner: null, date: null, status: null, summary: null });
  await store.close();
  return { url: url.toString(), projectId: id };
}

async function postgresUnnest(serverUrl) {
  const { url, projectId } = await freshPostgres(serverUrl);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const types = ['int', 'text', 'text', 'text', 'text', 'text', 'text', 'text'];
  const text = `insert into issues (${COLUMNS.join(', ')}) select * from unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})`;
  const { ms } = await timed(async () => {
    await client.query('begin');
    for (let i = 0; i < N; i += 5_000) {
      const cols = COLUMNS.map(() => []);
      for (let j = i; j < Math.min(N, i + 5_000); j++) rowAt(projectId, j).forEach((v, c) => cols[c].push(v));
      await client.query({ name: 'bulk-issues', text, values: cols });
    }
    await client.query('commit');
  });
  await client.end();
  return ms;
}

async function postgresMultiRow(serverUrl) {
  const { url, projectId } = await freshPostgres(serverUrl);
  const db = new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }) });
  const { ms } = await timed(() => db.transaction().execute(async (trx) => {
    for (let i = 0; i < N; i += 1_000) {
      const batch = [];
      for (let j = i; j < Math.min(N, i + 1_000); j++) batch.push(asObject(rowAt(projectId, j)));
      await trx.insertInto('issues').values(batch).execute();
    }
  }));
  await db.destroy();
  return ms;
}

const results = [];
const record = (name, ms) => {
  results.push({ name, ms });
  console.log(`${name.padEnd(48)} ${secs(ms).padStart(8)}   ${Math.round(N / (ms / 1000)).toLocaleString('en')} rows/s`);
};

console.log(`Store bulk insert of ${N.toLocaleString('en')} issue rows (one transaction)`);
record('SQLite: raw prepared statement per row', await sqliteRaw());
record('SQLite: Kysely builder, 500-row inserts', await sqliteBuilder());
await withBenchPostgres(async (url) => {
  record('PostgreSQL: raw unnest() batches of 5,000', await postgresUnnest(url));
  record('PostgreSQL: Kysely builder, 1,000-row inserts', await postgresMultiRow(url));
});
