// `npm run bench:web` (BENCH_SIZE=small for CI): the dashboard in headless Chromium (Debian's
// package) against `punchlist serve` on a store of N issues (default 100,000). Reports the
// gzipped JavaScript of the first page and the first render of the overview and of the issue
// table (Performance API: ms from navigation start until the content is on screen), next to the
// floor measured in the same run: the login page, which renders no data.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { benchSize } from './sizes.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin/punchlist.js');
const N = benchSize(100_000, 2_000);
const RUNS = 3;
const SEVERITIES = ['critical', 'major', 'medium', 'minor'];
const STATUSES = ['backlog', 'planned', 'in_progress', 'blocked', 'resolved'];

const dir = mkdtempSync(join(tmpdir(), 'punchlist-bench-web-'));
const env = { ...process.env, PUNCHLIST_DB: join(dir, 'punchlist.db'), PUNCHLIST_USER: 'bench' };
const cli = (args, input) => {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, env, encoding: 'utf8', input, maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`punchlist ${args.join(' ')}: ${r.stderr}`);
};

const issues = Array.from({ length: N }, (_, i) => ({
  key: `W${i + 1}`,
  title: `Generated issue ${i + 1} in module ${i % 97}`,
  severity: SEVERITIES[i % 4],
  status: STATUSES[i % 5],
  owner: `Team ${i % 7}`,
  estimateMinutes: 30 + (i % 8) * 30,
  files: [`src/module-${i % 97}/file-${i % 13}.ts`],
}));
writeFileSync(join(dir, 'doc.json'), JSON.stringify({ version: 1, project: { key: 'BW', name: 'Bench web' }, issues }));
let t = performance.now();
cli(['import', join(dir, 'doc.json')]);
console.log(`store: ${N.toLocaleString()} issues imported in ${Math.round(performance.now() - t)} ms`);
cli(['user', 'add', 'bench', '--role', 'viewer', '--password-stdin'], 'bench-password-123');

const port = await new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = /** @type {import('node:net').AddressInfo} */ (s.address()).port;
    s.close(() => resolve(p));
  });
});
const server = spawn(process.execPath, [bin, 'serve', '--port', String(port), '--log-level', 'warn'], { cwd: root, env, stdio: 'ignore' });
const url = `http://127.0.0.1:${port}`;
for (let i = 0; ; i++) {
  if (await fetch(`${url}/readyz`).then((r) => r.ok, () => false)) break;
  if (i > 200) throw new Error('serve did not start');
  await new Promise((r) => setTimeout(r, 100));
}

const browser = await chromium.launch({
  executablePath: process.env.PUNCHLIST_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const state = await (async () => {
  const context = await browser.newContext();
  await context.request.post(`${url}/api/auth/login`, { data: { name: 'bench', password: 'bench-password-123' } });
  const s = await context.storageState();
  await context.close();
  return s;
})();

/** Median ms from navigation start until every selector shows, each run in a fresh context (cold cache). */
async function firstRender(path, selectors, authenticated = true) {
  const times = [];
  let js = 0;
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...(authenticated ? { storageState: state } : {}) });
    const page = await context.newPage();
    const bodies = [];
    page.on('response', (r) => {
      if (r.url().endsWith('.js')) bodies.push(r.body().then((b) => gzipSync(b).length, () => 0));
    });
    await page.goto(`${url}${path}`);
    for (const selector of [selectors].flat()) await page.locator(selector).first().waitFor({ state: 'visible', timeout: 30_000 });
    times.push(await page.evaluate(() => performance.now()));
    js = (await Promise.all(bodies)).reduce((a, b) => a + b, 0);
    await context.close();
  }
  times.sort((a, b) => a - b);
  return { ms: Math.round(times[Math.floor(times.length / 2)]), js };
}

const floor = await firstRender('/login', 'h1:has-text("Log in")', false);
const overview = await firstRender('/p/BW', '.tier:has-text("Minor") table');
// Every card settled too: standup, gates, KPIs, phases, SLA breaches (they load beside the tiers).
const overviewAll = await firstRender('/p/BW', [
  '.tier:has-text("Minor") table',
  '[aria-label="Standup per tier"] table',
  'section.card:has(h2:text-is("Gates")):not(:has([role=status]))',
  'section.card:has(h2:text-is("KPIs")):is(:has(li), :has-text("No KPI defined"))',
  'section.card:has(h2:text-is("SLA breaches")) p.big',
]);
const table = await firstRender('/p/BW/issues', 'tbody tr');
await browser.close();
server.kill('SIGTERM');

const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
console.log(`web (${N.toLocaleString()} issues, median of ${RUNS} cold loads, loopback):`);
console.log(`  floor: login page        ${floor.ms} ms   (JS ${kb(floor.js)} gzip)`);
console.log(`  overview first render    ${overview.ms} ms   ×${(overview.ms / floor.ms).toFixed(2)} of floor   (JS ${kb(overview.js)} gzip)   target < 1500 ms, < 250 KB`);
console.log(`  overview, every card      ${overviewAll.ms} ms   ×${(overviewAll.ms / floor.ms).toFixed(2)} of floor   (reported, no bar)`);
console.log(`  issue table first render ${table.ms} ms   ×${(table.ms / floor.ms).toFixed(2)} of floor   (JS ${kb(table.js)} gzip)   target < 1500 ms`);
const over = [overview.ms >= 1500 && 'overview render', table.ms >= 1500 && 'table render', overview.js >= 250 * 1024 && 'first-page JS'].filter(Boolean);
// Reported, not asserted: a loaded CI machine says nothing about the product (see RESULTS.md).
console.log(over.length ? `  over target: ${over.join(', ')}` : '  all within target');
