// The API's full-text search on PostgreSQL at 1,000,000 issues (issue 13: under 25 ms): GET
// /api/projects/TW/issues?q=…&limit=50 through the real server (`punchlist serve`), sequential
// requests, p50 and p99 per query. Beside each, the floor of the same run: the bare GIN lookup
// of the same words (`select id … where search_vector @@ … limit 50`, over one pooled
// connection) and the server answering a list with no search (same route, same page size).
// Every request carries its own `run=` parameter, which the API ignores: the list's page cache
// (server/page-cache.ts) keys pages by URL, so each one is searched in the store, never sent
// from the cache.
// Run after `npm run build`:  node bench/search-api.js   (BENCH_SIZE=small in CI; BENCH_PG_SIZE)
// A store loaded by bench/populate-postgres.js (e.g. by bench/server.js) is reused with
// PUNCHLIST_BENCH_PG=<its URL> BENCH_PG_POPULATED=1.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { populatePostgres } from './populate-postgres.js';
import { withBenchPostgres } from './postgres.js';
import { serve } from './serve.js';
import { benchSize } from './sizes.js';

const N = Number(process.env.BENCH_PG_SIZE ?? benchSize(1_000_000, 20_000));
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const BAR_MS = 25;
// Broad (10% of issues), middling, two words, rare, none; plus a search with a filter and a cursor page.
const QUERIES = ['migr', 'module 42', 'uberweisung tenant', 'team 3 sync', 'issue 123456', 'nothing-like-this'];
const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'punchlist.js');
const cli = (db, ...args) => execFileSync(process.execPath, [bin, '--db', db, ...args], { encoding: 'utf8', env: { ...process.env, PUNCHLIST_USER: 'bench' } });
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

let run = 0;
async function sample(fn) {
  for (let i = 0; i < 5; i++) await fn(++run); // warm
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn(++run);
    times.push(performance.now() - t);
  }
  return { p50: pct(times, 0.5), p99: pct(times, 0.99) };
}

console.log(`API search on PostgreSQL, ${N.toLocaleString('en')} issues: ${RUNS} sequential requests per query, first page of 50`);
console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (start)`);
await withBenchPostgres(async (serverUrl) => {
  let db = serverUrl;
  if (!process.env.BENCH_PG_POPULATED) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query('drop database if exists bench_search_api');
    await admin.query('create database bench_search_api');
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = '/bench_search_api';
    db = url.toString();
    const t = performance.now();
    await populatePostgres(db, N);
    console.log(`store built in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const token = JSON.parse(cli(db, '--json', 'token', 'create', '--name', 'bench', '--role', 'viewer')).token;
  const headers = { authorization: `Bearer ${token}` };
  // --no-sweep: the store at rest, as bench/server.js explains (the first sweep of a loaded store
  // rewrites every issue's SLA columns).
  const server = await serve(db, ['--no-sweep']);
  const client = new pg.Client({ connectionString: db });
  await client.connect();
  try {
    const get = async (path, n = 0) => {
      const res = await fetch(`${server.url}/api/projects/TW/issues${path}&run=${n}`, { headers });
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    const plain = await sample((n) => get('?limit=50', n));
    console.log(`\nfloor: list with no search ${plain.p50.toFixed(1)} / ${plain.p99.toFixed(1)} ms (p50 / p99)\n`);
    console.log(`${'query'.padEnd(44)} ${'hits'.padStart(8)} ${'p50'.padStart(7)} ${'p99'.padStart(7)}  ${'GIN floor p50'.padStart(13)}  verdict`);
    let over = 0;
    const cases = [
      ...QUERIES.map((q) => ({ label: `q=${q}`, path: `?q=${encodeURIComponent(q)}&limit=50`, q })),
      { label: 'q=migr&severity=critical&status=blocked', path: '?q=migr&severity=critical&status=blocked&limit=50', q: 'migr' },
      { label: 'q=migr&sort=-created', path: '?q=migr&sort=-created&limit=50', q: 'migr' },
    ];
    for (const c of cases) {
      const first = /** @type {{ total?: number, nextCursor?: string }} */ (await get(`${c.path}&total=true`));
      const tsq = c.q.split(' ').map((w) => `'${w.replaceAll('-', ' ')}':*`).join(' & ');
      const floor = await sample(() => client.query('select id from issues where search_vector @@ $1::tsquery limit 50', [tsq]));
      const api = await sample((n) => get(c.path, n));
      const ok = api.p50 < BAR_MS;
      if (!ok) over++;
      const verdict = `bar < ${BAR_MS} ms: p50 ${ok ? 'met' : 'NOT met'}, p99 ${api.p99 < BAR_MS ? 'met' : 'NOT met'}`;
      console.log(`${c.label.padEnd(44)} ${String(first.total ?? '?').padStart(8)} ${api.p50.toFixed(1).padStart(7)} ${api.p99.toFixed(1).padStart(7)}  ${floor.p50.toFixed(1).padStart(13)}  ${verdict}`);
      if (first.nextCursor) {
        const next = await sample((n) => get(`${c.path}&cursor=${first.nextCursor}`, n));
        console.log(`${'  … its second page (cursor)'.padEnd(44)} ${''.padStart(8)} ${next.p50.toFixed(1).padStart(7)} ${next.p99.toFixed(1).padStart(7)}`);
      }
    }
    console.log(`\nmachine: load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (end); ${cases.length - over} of ${cases.length} searches under ${BAR_MS} ms at p50`);
  } finally {
    await client.end();
    server.child.kill();
  }
});
