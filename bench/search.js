// Full-text search on 100,000 issues, in-process, on both stores (SQLite FTS5, PostgreSQL
// tsvector + GIN). Run after `npm run build`:  node bench/search.js   (BENCH_SIZE=small in CI)
// Beside each: the floor of the same run — the bare index lookup (SQLite: `select rowid from
// issues_fts where issues_fts match ? limit 50`; PostgreSQL: `select id from issues where
// search_vector @@ ?::tsquery limit 50`) — and the substring scan search used to be.
import { mkdtempSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { openPostgresStore } from '../dist/store/postgres.js';
import { openSqliteStore } from '../dist/store/sqlite.js';
import { benchIssue, populate } from './populate.js';
import { withBenchPostgres } from './postgres.js';
import { benchSize, timed } from './sizes.js';

const N = benchSize(100_000, 10_000);
const RUNS = 9;
const QUERIES = ['migr', 'module 42', 'uberweisung tenant', 'team 3 sync', 'nothing-like-this'];
const mid = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const median = async (fn) => {
  const times = [];
  for (let r = 0; r < RUNS; r++) times.push((await timed(fn)).ms);
  return mid(times);
};
const like = (q) => `%${q.toLowerCase()}%`;

console.log(`Search on ${N.toLocaleString('en')} issues: median of ${RUNS}, in-process, first 50 best matches`);
console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);

const path = join(mkdtempSync(join(tmpdir(), 'pl-search-bench-')), 'punchlist.db');
await populate(path, N);
const store = await openSqliteStore(path);
const project = await store.projects.get('TW');
const raw = new Sqlite(path, { readonly: true });
console.log('\nSQLite (FTS5)');
for (const q of QUERIES) {
  const words = q.split(' ').map((w) => `"${w.replaceAll('-', ' ')}"*`).join(' ');
  const floor = await median(() => raw.prepare('select rowid from issues_fts where issues_fts match ? limit 50').all(words));
  const list = await median(() => store.issues.list(project.id, { text: q, limit: 50 }));
  const count = await median(() => store.issues.count(project.id, { text: q }));
  const scan = await median(() => raw.prepare(`select id from issues where project_id = ? and (lower(title) like ? or lower(key) like ? or lower(coalesce(description, '')) like ? or lower(files) like ?) limit 50`).all(project.id, like(q), like(q), like(q), like(q)));
  const hits = await store.issues.count(project.id, { text: q });
  console.log(`  ${q.padEnd(20)} list ${list.toFixed(1).padStart(6)} ms  count ${count.toFixed(1).padStart(6)} ms  floor ${floor.toFixed(1).padStart(5)} ms  old LIKE scan ${scan.toFixed(1).padStart(6)} ms  (${hits} hits)`);
}
raw.close();
await store.close();

await withBenchPostgres(async (serverUrl) => {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query('drop database if exists bench_search');
  await admin.query('create database bench_search');
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = '/bench_search';
  const pgStore = await openPostgresStore(url.toString());
  const { id } = await pgStore.projects.insert({ key: 'TW', name: 'Tidewater', title: null, owner: null, date: null, status: null, summary: null });
  await pgStore.write(async (tx) => {
    for (let start = 1; start <= N; start += 10_000) {
      await tx.issues.insertMany(id, Array.from({ length: Math.min(10_000, N - start + 1) }, (_, k) => benchIssue(start + k)));
    }
  });
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  await client.query('analyze issues');
  console.log('\nPostgreSQL 15 (tsvector + GIN)');
  for (const q of QUERIES) {
    const tsq = q.split(' ').map((w) => `'${w.replaceAll('-', ' ')}':*`).join(' & ');
    const floor = await median(() => client.query('select id from issues where search_vector @@ $1::tsquery limit 50', [tsq]));
    const list = await median(() => pgStore.issues.list(id, { text: q, limit: 50 }));
    const count = await median(() => pgStore.issues.count(id, { text: q }));
    const hits = await pgStore.issues.count(id, { text: q });
    console.log(`  ${q.padEnd(20)} list ${list.toFixed(1).padStart(6)} ms  count ${count.toFixed(1).padStart(6)} ms  floor ${floor.toFixed(1).padStart(5)} ms  (${hits} hits)`);
  }
  await client.end();
  await pgStore.close();
});
