// The large-report bar (SPEC §11, issue 13): 1,000,000 SARIF results, streamed, into each store
// through the shipped CLI, under 60 s and 1 GB peak RSS. No floor here: at this size a floor that
// JSON.parses the whole file would need several GB; bench/ingest.js gives the ratio at 200,000.
// Wall and CPU time (user + sys, what depends least on other load) and peak RSS from
// /usr/bin/time; the load average before and after each run. By hand, after `npm run build`:
//   node bench/ingest-large.js            (BENCH_SIZE=n for another size; BENCH_SQLITE_ONLY=1)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSarif } from './ingest-generate.js';
import { withBenchPostgres } from './postgres.js';
import { benchSize, mb, secs } from './sizes.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'bin', 'punchlist.js');
const N = benchSize(1_000_000, 50_000);
const dir = mkdtempSync(join(tmpdir(), 'pl-bench-large-'));
const file = join(dir, 'large.sarif');
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');

await writeSarif(file, { results: N });
console.log(`Large ingest bench: ${N.toLocaleString('en')} SARIF results, ${mb(statSync(file).size)} file, Node ${process.version}`);

function ingest(label, location) {
  const before = load();
  const start = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', 'maxrss=%M user=%U sys=%S', process.execPath, cli, '--db', location, '--as', 'bench', 'ingest', file, '--root', '/', '--commit', 'bench', '--json'], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 16 << 20,
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const ms = performance.now() - start;
  if (r.status !== 0) {
    console.log(`  ${label}: FAILED (${r.status}) after ${secs(ms)}: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
    process.exitCode = 1;
    return;
  }
  const rss = Number(/maxrss=(\d+)/.exec(r.stderr)?.[1] ?? 0) * 1024;
  const cpu = Number(/user=([\d.]+)/.exec(r.stderr)?.[1] ?? 0) + Number(/sys=([\d.]+)/.exec(r.stderr)?.[1] ?? 0);
  const report = JSON.parse(r.stdout);
  const ok = ms < 60_000 && rss < 1024 ** 3;
  console.log(`  ${label.padEnd(10)} ${secs(ms).padStart(9)} wall, ${cpu.toFixed(1)} s CPU, peak RSS ${mb(rss)}  (${report.new} new findings, ${report.issuesCreated} issues; load ${before} → ${load()})  ${ok ? 'under' : 'OVER'} 60 s / 1 GB`);
}

if (process.env.BENCH_PG_ONLY !== '1') {
  ingest('SQLite', join(dir, 'store.db'));
  rmSync(join(dir, 'store.db'), { force: true });
}
if (process.env.BENCH_SQLITE_ONLY !== '1') await withBenchPostgres(async (url) => ingest('PostgreSQL', url));
rmSync(dir, { recursive: true, force: true });
