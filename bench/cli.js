// Every CLI command on a store of 100,000 issues, process start included (SPEC §11: < 250 ms).
// Run after `npm run build`:  node bench/cli.js     (BENCH_SIZE=small in CI)
//
// Honest medians: every run starts from a fresh copy of the same store (a write command never
// finds its work already done by the previous run, a standup never finds today's snapshot
// taken), the store holds what each command reads (the audit example's phases, checklists,
// rules and KPIs, comments, history), and the floor — a bare `node -e 0` — is measured in the
// same run, interleaved with the commands, so load on the machine moves both alike.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { populate } from './populate.js';
import { benchSize } from './sizes.js';

const N = benchSize(100_000, 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const BAR_MS = 250;
const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'pl-cli-bench-'));
const template = join(dir, 'template.db');
const db = join(dir, 'punchlist.db');

const built = performance.now();
await populate(template, N);
console.log(`store of ${N.toLocaleString('en')} issues built in ${((performance.now() - built) / 1000).toFixed(1)} s`);

const mid = Math.floor(N / 2);
const commands = [
  ['--version'],
  ['issue', 'list'],
  ['issue', 'list', '--severity', 'critical', '--status', 'blocked', '--limit', '50'],
  ['issue', 'list', '--owner', 'team 3', '--open', '--limit', '50'],
  ['issue', 'list', '--text', 'migr', '--limit', '50'],
  ['issue', 'list', '--text', 'module 42', '--limit', '50'],
  ['issue', 'list', '--text', 'uberweisung tenant', '--limit', '50'],
  ['issue', 'show', `TW-${mid}`],
  ['issue', 'add', 'Bench issue', '--severity', 'minor', '--eta', '1h'],
  ['issue', 'update', `TW-${N}`, '--owner', 'Bench'],
  ['issue', 'start', `TW-${N - 1}`],
  ['issue', 'comment', `TW-${N - 2}`, 'bench'],
  ['log', '--limit', '20'],
  ['check', 'list'],
  ['gate', 'go-live-checklist'],
  ['kpi', 'list'],
  ['snapshot'],
  ['standup'],
  ['forecast'],
  ['report', 'standup'],
  ['report', 'roadmap', '-o', join(dir, 'roadmap.md')],
  ['report', 'audit', '-o', join(dir, 'audit.md')],
  ['export', '-o', join(dir, 'export.json')],
];

const env = { ...process.env, PUNCHLIST_DB: db, PUNCHLIST_USER: 'bench' };
const fresh = () => {
  for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
  copyFileSync(template, db);
};
const time = (argv, options) => {
  const start = performance.now();
  const r = spawnSync(process.execPath, argv, options);
  return { ms: performance.now() - start, status: r.status ?? -1, stderr: String(r.stderr ?? '') };
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const rows = [];
const floors = [];
for (const args of commands) {
  const times = [];
  let last = { status: 0, stderr: '' };
  for (let run = 0; run < RUNS; run++) {
    fresh();
    floors.push(time(['-e', '0'], {}).ms);
    last = time([join(root, 'bin/punchlist.js'), ...args], { env, cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    times.push(last.ms);
  }
  rows.push({ command: args.join(' ').replace(dir, '$TMP'), median: median(times), status: last.status, stderr: last.stderr.split('\n')[0] });
}
const floor = median(floors);

console.log(`\nCLI on a store of ${N.toLocaleString('en')} issues: median of ${RUNS} runs, each on a fresh copy, process start included`);
console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`floor: a bare \`node -e 0\` takes ${floor.toFixed(0)} ms (median of ${floors.length}, interleaved)\n`);
console.log(`${'command'.padEnd(64)} ${'median'.padStart(7)}  ${'× floor'.padStart(7)}  verdict`);
let over = 0;
for (const r of rows) {
  const verdict = r.status > 1 ? `exit ${r.status}: ${r.stderr}` : r.median < BAR_MS ? `ok (< ${BAR_MS} ms)` : `OVER ${BAR_MS} ms`;
  if (r.status > 1 || r.median >= BAR_MS) over++;
  console.log(`${r.command.padEnd(64)} ${r.median.toFixed(0).padStart(4)} ms  ${(r.median / floor).toFixed(2).padStart(6)}×  ${verdict}`);
}
console.log(`\n${rows.length - over} of ${rows.length} commands under ${BAR_MS} ms`);
rmSync(dir, { recursive: true, force: true });
