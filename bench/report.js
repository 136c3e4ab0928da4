// Audit report for 100,000 issues (SPEC §11: store → text under 1 s). Run after `npm run build`:
//   node bench/report.js          (BENCH_SIZE=small in CI)
// Measures the pure renderer on an in-memory model, then the whole path a user runs — read the
// register column-lean and evaluate every rule from a SQLite store, then render — beside the
// floor measured in the same run: a bare prepared `select` of the same columns into arrays.
// Then the CLI as a user runs it (process start included) for every whole-document output:
// report audit and roadmap (Markdown and HTML) and export, beside a bare `node -e 0`.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Sqlite from 'better-sqlite3';
import { renderReport } from '../dist/documents/render-report.js';
import { loadReportModel } from '../dist/services/reports.js';
import { exportDocument } from '../dist/services/project-document.js';
import { openSqliteStore } from '../dist/store/sqlite.js';
import { populate } from './populate.js';
import { benchSize, mb, timed } from './sizes.js';

const N = benchSize(100_000, 10_000);
const RUNS = 5;

// Wall time and CPU time (user + system) of this process: on a shared, loaded machine the CPU time
// is the figure that depends least on what else runs.
const median = async (fn) => {
  const times = [];
  const cpu = [];
  let result;
  for (let r = 0; r < RUNS; r++) {
    const before = process.cpuUsage();
    const t = await timed(fn);
    const used = process.cpuUsage(before);
    times.push(t.ms);
    cpu.push((used.user + used.system) / 1000);
    result = t.result;
  }
  const mid = (xs) => xs.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
  return { ms: mid(times), cpu: mid(cpu), result };
};
const fmt = (m) => `${m.ms.toFixed(0).padStart(6)} ms wall ${m.cpu.toFixed(0).padStart(6)} ms cpu`;

const db = join(mkdtempSync(join(tmpdir(), 'pl-report-bench-')), 'punchlist.db');
await populate(db, N);
const store = await openSqliteStore(db);
const project = await store.projects.get('TW');

console.log(`Report of ${N.toLocaleString('en')} issues (median of ${RUNS} runs)`);
console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);

const raw = new Sqlite(db, { readonly: true });
const floorSql = `select key, title, severity, status, owner, estimate_minutes, due_date, files, phase, labels, links, source, description, extra, created_at, started_at, resolved_at from issues where project_id = ? order by severity, created_at, id`;
const floor = await median(() => raw.prepare(floorSql).raw().all(project.id));
console.log(`floor: bare select of the register's columns    ${fmt(floor)}`);

const model = await loadReportModel(store, project, new Date(), { comments: false });
/** @type {Array<[import('../dist/documents/report-model.js').ReportKind, import('../dist/documents/report-model.js').ReportFormat]>} */
const RENDERS = [['audit', 'md'], ['roadmap', 'md'], ['audit', 'html'], ['roadmap', 'html']];
for (const [kind, format] of RENDERS) {
  const m = await median(() => renderReport(kind, model, format));
  console.log(`render ${`${kind} ${format}`.padEnd(13)} (pure)                ${fmt(m)}   ${mb(Buffer.byteLength(m.result))}`);
}
const full = await median(() => exportDocument(store, project.key));
console.log(`read the whole document (export, with comments)  ${fmt(full)}`);
const lean = await median(() => loadReportModel(store, project, new Date(), { comments: false }));
console.log(`read column-lean + evaluate every rule           ${fmt(lean)}`);
const whole = await median(async () => renderReport('audit', await loadReportModel(store, project, new Date(), { comments: false }), 'md'));
console.log(`audit md, store to text (end to end)             ${fmt(whole)}   ${(whole.ms / floor.ms).toFixed(1)}× floor   ${whole.ms < 1000 ? 'ok (< 1 s)' : 'OVER 1 s'}`);
raw.close();
await store.close();
console.log(`peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}`);

// The CLI, process start included: each run on a fresh copy of the store, the floor interleaved.
const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'punchlist.js');
const copy = join(dirname(db), 'cli.db');
const CLI = [['report', 'audit'], ['report', 'roadmap'], ['report', 'audit', '--format', 'html'], ['report', 'roadmap', '--format', 'html'], ['export']];
const wall = (argv, env) => {
  const start = performance.now();
  const r = spawnSync(process.execPath, argv, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`${argv.join(' ')}: exit ${r.status}: ${String(r.stderr).split('\n')[0]}`);
  return performance.now() - start;
};
const floors = [];
const cli = CLI.map((args) => {
  const times = [];
  for (let r = 0; r < RUNS; r++) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(copy + suffix, { force: true });
    copyFileSync(db, copy);
    floors.push(wall(['-e', '0'], {}));
    times.push(wall([bin, ...args, '-o', join(dirname(db), 'out')], { PUNCHLIST_DB: copy, PUNCHLIST_USER: 'bench' }));
  }
  return { args, ms: times.sort((a, b) => a - b)[Math.floor(RUNS / 2)] };
});
const floorMs = floors.sort((a, b) => a - b)[Math.floor(floors.length / 2)];
console.log(`\nCLI, process start included (median of ${RUNS}, fresh copy each run); load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`floor: a bare \`node -e 0\` takes ${floorMs.toFixed(0)} ms (median of ${floors.length}, interleaved)`);
for (const { args, ms } of cli) {
  console.log(`punchlist ${args.join(' ').padEnd(34)} ${ms.toFixed(0).padStart(6)} ms  ${(ms / floorMs).toFixed(1).padStart(5)}× floor   ${ms < 1000 ? 'ok (< 1 s)' : 'OVER 1 s'}`);
}
