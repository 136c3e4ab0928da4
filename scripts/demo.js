// `npm start`: the product's main job, seen. Imports the example audit a team wrote by hand into a
// throwaway embedded store, feeds it real tool output, then serves the web dashboard and prints
// its address and a login. `npm start -- --once` (CI) checks the dashboard answers, then stops.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const once = process.argv.includes('--once');
const port = process.env.PORT ?? (once ? '0' : '4545');
const store = join(mkdtempSync(join(tmpdir(), 'punchlist-demo-')), 'punchlist.db');
const env = { ...process.env, PUNCHLIST_DB: store, PUNCHLIST_USER: 'demo' };
const bin = join(root, 'bin/punchlist.js');

function step(title, args, input) {
  process.stdout.write(`\n\x1b[1m$ punchlist ${args.join(' ')}\x1b[0m   # ${title}\n`);
  const r = spawnSync(process.execPath, [bin, ...args], { stdio: [input === undefined ? 'inherit' : 'pipe', 'inherit', 'inherit'], env, cwd: root, input });
  if (r.status !== 0 && r.status !== 1) process.exit(r.status ?? 1);
}

console.log(`punchlist demo — store: ${store}`);
step('import the hand-written audit (Markdown, as teams write it today)', ['import', 'examples/audit.md']);
step('feed it real tool output: a compiler run, a linter run (SARIF) and a test run (JUnit)', [
  'ingest', 'test/fixtures/ingest/tsc-plain.txt', 'test/fixtures/ingest/eslint.sarif', 'test/fixtures/ingest/vitest-junit.xml',
  // The fixtures were produced in /tmp/fixture-work: paths in them are made relative to it.
  '--root', '/tmp/fixture-work', '--commit', 'demo',
]);
const password = randomBytes(9).toString('base64url');
step('an account to log in with', ['user', 'add', 'demo', '--role', 'admin', '--password-stdin'], password);

process.stdout.write(`\n\x1b[1m$ punchlist serve --port ${port}\x1b[0m   # the dashboard\n`);
const server = spawn(process.execPath, [bin, 'serve', '--port', port, '--log-level', 'warn'], { env, cwd: root, stdio: ['ignore', 'inherit', 'pipe'] });
let said = '';
server.stderr.on('data', async (chunk) => {
  process.stderr.write(chunk);
  said += chunk.toString();
  const match = /at (http:\/\/\S+?) \(/.exec(said);
  if (!match || said.includes('\u0000')) return;
  said += '\u0000';
  const url = match[1];
  console.log(`\n  Dashboard: \x1b[1m${url}/\x1b[0m\n  Log in as: demo / ${password}\n  CLI on the same store: PUNCHLIST_DB=${store} npx punchlist --help\n`);
  if (once) {
    const page = await fetch(`${url}/`, { headers: { accept: 'text/html' } });
    const ok = page.ok && (await page.text()).includes('<div id="root">');
    console.log(ok ? 'punchlist demo: the dashboard answers' : `punchlist demo: the dashboard did not answer (${page.status})`);
    process.exitCode = ok ? 0 : 1;
    server.kill('SIGTERM');
  }
});
server.on('exit', (code) => {
  if (process.exitCode === undefined && code) process.exitCode = code;
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill('SIGTERM'));
