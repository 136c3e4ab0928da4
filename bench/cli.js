// Every CLI command on a store of 100,000 issues, process start included (SPEC §11: < 300 ms).
// Run after `npm run build`:  node bench/cli.js     (BENCH_SIZE=small in CI)
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Sqlite from 'better-sqlite3';
import { openSqliteStore } from '../dist/store/sqlite.js';
import { benchSize } from './sizes.js';

const N = benchSize(100_000, 10_000);
const root = fileURLToPath(new URL('..', import.meta.url));
const db = join(mkdtempSync(join(tmpdir(), 'pl-cli-bench-')), 'punchlist.db');

// Populate through the real schema, with the raw bulk path.
const store = await openSqliteStore(db);
const project = await store.projects.insert({ key: 'TW', name: 'Tidewater', title: null, owner: null, date: null, status: null, summary: null });
await store.close();
const raw = new Sqlite(db);
const SEV = ['critical', 'major', 'medium', 'minor'];
const STATUS = ['backlog', 'planned', 'in_progress', 'blocked', 'resolved'];
const insert = raw.prepare(
  `insert into issues (project_id, key, title, severity, status, owner, files, phase, labels, created_at, updated_at)
   values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
);
const base = Date.UTC(2026, 0, 1);
raw.transaction(() => {
  for (let i = 1; i <= N; i++) {
    const at = new Date(base + i * 60_000).toISOString();
    insert.run(project.id, `TW-${i}`, `Issue ${i}: something wrong in module ${i % 700}`, SEV[i % 4], STATUS[i % 5], `Team ${i % 12}`, `["src/m${i % 700}.ts"]`, `phase-${1 + (i % 3)}`, i % 10 === 0 ? '["sync"]' : '[]', at, at);
  }
})();
raw.prepare('update projects set next_issue_number = ? where id = ?').run(N + 1, project.id);
raw.close();

const commands = [
  ['--version'],
  ['issue', 'list'],
  ['issue', 'list', '--severity', 'critical', '--status', 'blocked', '--limit', '50'],
  ['issue', 'list', '--text', 'module 42', '--limit', '50'],
  ['issue', 'show', `TW-${Math.floor(N / 2)}`],
  ['issue', 'add', 'Bench issue', '--severity', 'minor', '--eta', '1h'],
  ['issue', 'update', `TW-${N}`, '--owner', 'Bench'],
  ['issue', 'start', `TW-${N - 1}`],
  ['issue', 'comment', `TW-${N - 2}`, 'bench'],
  ['log', '--limit', '20'],
  ['check', 'list'],
  ['kpi', 'list'],
  ['standup'],
  ['report', 'standup'],
];

const env = { ...process.env, PUNCHLIST_DB: db, PUNCHLIST_USER: 'bench' };
const rows = [];
for (const args of commands) {
  const times = [];
  let status = 0;
  for (let run = 0; run < 5; run++) {
    const start = performance.now();
    const r = spawnSync(process.execPath, [join(root, 'bin/punchlist.js'), ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    times.push(performance.now() - start);
    status = r.status ?? -1;
  }
  times.sort((a, b) => a - b);
  rows.push({ command: args.join(' '), median: times[2], status });
}
console.log(`CLI on a store of ${N.toLocaleString('en')} issues (median of 5 runs, process start included)`);
for (const r of rows) {
  const verdict = r.status > 1 ? `exit ${r.status}` : r.median < 300 ? 'ok' : 'OVER 300 ms';
  console.log(`${r.command.padEnd(60)} ${r.median.toFixed(0).padStart(5)} ms  ${verdict}`);
}
const bareTimes = [];
for (let run = 0; run < 5; run++) {
  const start = performance.now();
  spawnSync(process.execPath, ['-e', '0']);
  bareTimes.push(performance.now() - start);
}
console.log(`(for scale: a bare \`node -e 0\` takes ${bareTimes.sort((a, b) => a - b)[2].toFixed(0)} ms here)`);
