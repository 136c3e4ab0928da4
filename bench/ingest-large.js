// The large-report bar (SPEC §11, issue 13): 1,000,000 SARIF results, streamed, into each store
// through the shipped CLI, under 60 s and 1 GB peak RSS. No floor here: at this size a floor that
// JSON.parses the whole file would need several GB; bench/ingest.js gives the ratio at 200,000.
// Wall and CPU time (user + sys, what depends least on other load) and peak RSS from
// /usr/bin/time; on PostgreSQL also the server's CPU for the run (its backends, counted by the
// postmaster once they exit), since both share the machine's cores. The load average before and
// after each run. By hand, after `npm run build`:
//   node bench/ingest-large.js            (BENCH_SIZE=n for another size; BENCH_SQLITE_ONLY=1)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import pg from 'pg';
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

/** CPU seconds of a process's exited (reaped) children, from /proc (Linux); null elsewhere. */
function childCpu(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100; // cutime + cstime, in clock ticks (100/s)
  } catch {
    return null;
  }
}

/** The postmaster's pid: the parent of this session's backend. */
async function postmasterPid(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query('select pg_backend_pid() as pid');
    return Number(readFileSync(`/proc/${rows[0].pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
  } catch {
    return null;
  } finally {
    await client.end();
  }
}

function ingest(label, location, server = null) {
  const before = load();
  const start = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', 'maxrss=%M user=%U sys=%S', process.execPath, cli, '--db', location, '--as', 'bench', 'ingest', file, '--root', '/', '--commit', 'bench', '--json'], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 16 << 20,
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const ms = performance.now() - start;
  const serverCpu = server?.cpu();
  if (r.status !== 0) {
    console.log(`  ${label}: FAILED (${r.status}) after ${secs(ms)}: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
    process.exitCode = 1;
    return;
  }
  const rss = Number(/maxrss=(\d+)/.exec(r.stderr)?.[1] ?? 0) * 1024;
  const cpu = Number(/user=([\d.]+)/.exec(r.stderr)?.[1] ?? 0) + Number(/sys=([\d.]+)/.exec(r.stderr)?.[1] ?? 0);
  const report = JSON.parse(r.stdout);
  const ok = ms < 60_000 && rss < 1024 ** 3;
  const serverPart = serverCpu == null ? '' : ` + ${serverCpu.toFixed(1)} s server CPU`;
  console.log(`  ${label.padEnd(10)} ${secs(ms).padStart(9)} wall, ${cpu.toFixed(1)} s CPU${serverPart}, peak RSS ${mb(rss)}  (${report.new} new findings, ${report.issuesCreated} issues; load ${before} → ${load()})  ${ok ? 'under' : 'OVER'} 60 s / 1 GB`);
}

if (process.env.BENCH_PG_ONLY !== '1') {
  ingest('SQLite', join(dir, 'store.db'));
  rmSync(join(dir, 'store.db'), { force: true });
}
if (process.env.BENCH_SQLITE_ONLY !== '1') {
  await withBenchPostgres(async (url) => {
    const pid = await postmasterPid(url);
    const before = pid === null ? null : childCpu(pid);
    const server = {
      cpu() {
        // The CLI's backend is counted once the postmaster has reaped it, just after it exits.
        spawnSync('sleep', ['0.5']);
        const after = pid === null ? null : childCpu(pid);
        return before === null || after === null ? null : after - before;
      },
    };
    ingest('PostgreSQL', url, server);
  });
}
rmSync(dir, { recursive: true, force: true });
