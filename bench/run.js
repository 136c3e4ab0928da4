// `npm run bench`: every bench in its own process (so one's memory does not colour the next).
// BENCH_SIZE=small for CI; the default is the full size of SPEC §11. Builds first if needed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const benches = ['store.js', 'cli.js', 'search.js', 'ingest.js', 'ingest-large.js', 'report.js', 'markdown-import.js', 'server.js', 'soak.js', 'web.js', 'escalation.js'].filter((f) => existsSync(`${root}/bench/${f}`));
const only = process.argv.slice(2);

if (!existsSync(`${root}/dist/bundle/punchlist.js`)) {
  spawnSync('npm', ['run', 'build'], { stdio: 'inherit', cwd: root });
}
let failed = 0;
for (const bench of benches.filter((b) => only.length === 0 || only.some((o) => b.startsWith(o)))) {
  console.log(`\n### bench/${bench}  (BENCH_SIZE=${process.env.BENCH_SIZE ?? 'full'})`);
  const r = spawnSync(process.execPath, ['--expose-gc', `bench/${bench}`], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
