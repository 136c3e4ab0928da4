// The mixed-load soak (issue 10): the real `punchlist serve` on a store of bench issues, under a
// mix of reads (list pages with distinct filters and cursors, show, search, checklists, KPIs, the
// log, /metrics, SSE subscribers that come and go) and writes (create, patch with If-Match, some
// deliberately stale, transitions, comments, tick/untick, KPI values, an ingest upload now and
// then) for a set time, on SQLite and on PostgreSQL. Every few seconds it samples the server's
// RSS (/proc) and V8 heap (/metrics). The verdict, per store:
//   - flat memory: the run is cut in tenths and each tenth's lowest RSS and lowest heap are
//     taken (the troughs after garbage collection: a leak raises them, the GC sawtooth does not);
//     the slope of a least-squares line through the troughs of the second half is under
//     SOAK_MAX_SLOPE MB/min (default 2) for RSS and for the heap. The slope through every sample
//     of the second half is printed beside it;
//   - no error answers but the expected 409s of versioned writes (stale If-Match, or a race
//     between two clients on one issue).
// A run shorter than 5 minutes reports the slopes but judges only the errors: the first minutes
// are warm-up (JIT, caches filling to their bounds), and a short line through them says nothing.
// Full: `node bench/soak.js` (10 minutes per store). CI: BENCH_SIZE=small (40 s per store).
// SOAK_SECONDS and SOAK_STORES=sqlite,postgres override; exit 1 when a verdict fails.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSarif } from './ingest-generate.js';
import { withBenchPostgres } from './postgres.js';
import { benchIssue } from './populate.js';
import { serve } from './serve.js';
import { benchSize } from './sizes.js';

const small = process.env.BENCH_SIZE === 'small';
const SECONDS = Number(process.env.SOAK_SECONDS ?? (small ? 40 : 600));
const ISSUES = benchSize(20_000, 2_000);
const CLIENTS = 8;
const SSE_CLIENTS = 6;
const SSE_RECONNECT_MS = 15_000;
const INGEST_EVERY_MS = small ? 10_000 : 30_000;
const SAMPLE_MS = small ? 2_000 : 5_000;
const MAX_SLOPE = Number(process.env.SOAK_MAX_SLOPE ?? 2);
const JUDGE_MEMORY = SECONDS >= 300;
const STORES = (process.env.SOAK_STORES ?? 'sqlite,postgres').split(',');
const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'punchlist.js');
const dir = mkdtempSync(join(tmpdir(), 'pl-soak-'));
const WORDS = ['migration', 'invoice', 'renderer', 'timeout', 'lock', 'cache', 'token', 'webhook', 'export', 'tenant'];
const SEVERITIES = ['critical', 'major', 'medium', 'minor'];
const STATUSES = ['backlog', 'planned', 'in_progress', 'blocked', 'resolved'];
const SORTS = ['severity', 'created', '-updated', 'key'];

// A seeded generator, so two runs ask for the same things.
let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = (list) => list[Math.floor(random() * list.length)];
const some = (list) => list.filter(() => random() < 0.5).join(',') || list[0];

/** The example audit's sections (checklists, KPIs, phases) around `n` bench issues. */
async function seedStore(location, n) {
  const { parseAuditMarkdown } = await import('../dist/documents/parse-audit-markdown.js');
  const { applyDocument } = await import('../dist/services/project-document.js');
  const open = location.startsWith('postgres')
    ? (await import('../dist/store/postgres.js')).openPostgresStore
    : (await import('../dist/store/sqlite.js')).openSqliteStore;
  const example = parseAuditMarkdown(readFileSync(join(root, 'test/fixtures/documents/audit.md'), 'utf8'), { projectKey: 'TW' }).document;
  const store = await open(location);
  try {
    await applyDocument(store, { ...example, issues: [] }, { actor: 'bench' });
    const project = await store.projects.get('TW');
    const at = new Date().toISOString();
    await store.write(async (tx) => {
      for (let start = 1; start <= n; start += 10_000) {
        await tx.issues.insertMany(project.id, Array.from({ length: Math.min(10_000, n - start + 1) }, (_, k) => benchIssue(start + k)), at);
      }
      await tx.projects.reserveIssueNumbers(project.id, n);
    });
  } finally {
    await store.close();
  }
}


const rssOf = (pid) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;

/** Least-squares slope of y over x. */
function slope(points) {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, p) => s + p[0], 0) / n;
  const my = points.reduce((s, p) => s + p[1], 0) / n;
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

async function soak(label, db) {
  let t = performance.now();
  await seedStore(db, ISSUES);
  const seeded = ((performance.now() - t) / 1000).toFixed(1);
  const token = (role) => JSON.parse(execFileSync(process.execPath, [bin, '--db', db, '--json', 'token', 'create', '--name', `soak-${role}-${Date.now()}`, '--role', role], { encoding: 'utf8' })).token;
  const viewer = { authorization: `Bearer ${token('viewer')}` };
  const member = { authorization: `Bearer ${token('member')}` };
  const server = await serve(db);
  const base = `${server.url}/api/projects/TW`;
  const stats = new Map(); // op → { n, ms, codes: {status: count} }
  const unexpected = [];
  const note = (op, status, ms, expected) => {
    const s = stats.get(op) ?? { n: 0, ms: 0, codes: {} };
    s.n++;
    s.ms += ms;
    s.codes[status] = (s.codes[status] ?? 0) + 1;
    stats.set(op, s);
    if (!expected.includes(status) && unexpected.length < 20) unexpected.push(`${op} ${status}`);
    if (!expected.includes(status)) s.bad = (s.bad ?? 0) + 1;
  };
  /**
   * One request; `ok` lists the statuses that are not errors for this op.
   * @param {string} op
   * @param {string} path
   * @param {{ method?: string, headers?: Record<string, string>, body?: unknown, ok?: number[] }} [options]
   */
  async function call(op, path, { method = 'GET', headers = viewer, body, ok = [200] } = {}) {
    const started = performance.now();
    /** @type {number | string} */
    let status = 0;
    let json = null;
    let etag = null;
    try {
      const res = await fetch(path.startsWith('http') ? path : `${base}${path}`, {
        method,
        headers: { ...headers, ...(body && !(body instanceof FormData) ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: body instanceof FormData ? body : JSON.stringify(body) } : {}),
      });
      status = res.status;
      etag = res.headers.get('etag');
      const text = await res.text();
      json = res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
    } catch (error) {
      status = `network: ${error.cause?.code ?? error.message}`;
    }
    note(op, status, performance.now() - started, ok);
    return { status, json, etag };
  }

  // What the project offers to tick and record.
  const lists = (await call('checklists', '/checklists')).json.items;
  const manual = lists.flatMap((l) => l.items.filter((i) => i.manual).map((i) => ({ list: l.key, index: i.index })));
  const kpis = (await call('kpis', '/kpis')).json.items.map((k) => k.key);
  let highest = ISSUES;
  const issueKey = () => `TW-${1 + Math.floor(random() * highest)}`;
  const NEXT = { backlog: 'start', planned: 'start', blocked: 'start', in_progress: 'resolve', resolved: 'reopen', wontfix: 'reopen' };

  const cursors = [];
  /** @type {[number, () => Promise<unknown>][]} */
  const ops = [
    [25, async () => {
      const follow = cursors.length > 0 && random() < 0.3 ? cursors.pop() : null;
      const query = follow ?? `severity=${some(SEVERITIES)}&status=${some(STATUSES)}&sort=${pick(SORTS)}&limit=${pick([20, 50, 100])}${random() < 0.3 ? `&owner=Team%20${Math.floor(random() * 12)}` : ''}${random() < 0.2 ? '&label=sync' : ''}`;
      const r = await call('list', `/issues?${query}`);
      if (r.json?.nextCursor && cursors.length < 100) cursors.push(`${query.replace(/&cursor=[^&]*/, '')}&cursor=${r.json.nextCursor}`);
    }],
    [10, () => call('show', `/issues/${issueKey()}`)],
    [8, () => call('search', `/issues?q=${encodeURIComponent(random() < 0.5 ? pick(WORDS) : `${pick(WORDS)} ${pick(WORDS).slice(0, 3)}`)}&limit=20`)],
    [3, () => call('metrics', `${server.url}/metrics`)],
    [3, () => call('checklists', '/checklists')],
    [2, () => call('kpis', '/kpis')],
    [2, () => call('log', '/log?limit=50')],
    [6, async () => {
      const r = await call('create', '/issues', { method: 'POST', headers: member, body: { title: `Soak ${pick(WORDS)} ${Math.floor(random() * 1e6)}`, severity: pick(SEVERITIES) }, ok: [201] });
      const n = Number(/^TW-(\d+)$/.exec(r.json?.key ?? '')?.[1] ?? 0);
      if (n > highest) highest = n;
    }],
    [8, async () => {
      const key = issueKey();
      const got = await call('show', `/issues/${key}`);
      if (got.status !== 200) return;
      const stale = random() < 0.1 && got.json.version > 1;
      const version = stale ? got.json.version - 1 : got.json.version;
      await call(stale ? 'patch (stale)' : 'patch', `/issues/${key}`, { method: 'PATCH', headers: { ...member, 'if-match': `"${version}"` }, body: { owner: `Team ${Math.floor(random() * 12)}` }, ok: stale ? [409] : [200, 409] });
    }],
    [5, async () => {
      const key = issueKey();
      const got = await call('show', `/issues/${key}`);
      if (got.status !== 200) return;
      await call('transition', `/issues/${key}/transitions`, { method: 'POST', headers: member, body: { action: NEXT[got.json.status], version: got.json.version }, ok: [200, 409] });
    }],
    [5, () => call('comment', `/issues/${issueKey()}/comments`, { method: 'POST', headers: member, body: { body: `checked ${pick(WORDS)}` }, ok: [201, 200] })],
    [3, async () => {
      if (manual.length === 0) return;
      const item = pick(manual);
      await call('tick', `/checklists/${item.list}/items/${item.index}/${random() < 0.5 ? 'tick' : 'untick'}`, { method: 'POST', headers: member });
    }],
    [3, async () => {
      if (kpis.length === 0) return;
      await call('kpi record', `/kpis/${pick(kpis)}/values`, { method: 'POST', headers: member, body: { value: Math.round(random() * 1000) / 10 }, ok: [201] });
    }],
  ];
  const totalWeight = ops.reduce((s, [w]) => s + w, 0);
  const chooseOp = () => {
    let r = random() * totalWeight;
    for (const [w, fn] of ops) if ((r -= w) < 0) return fn;
    return ops[0][1];
  };

  // SSE subscribers that drop and come back, so a leaked listener would add up.
  let sseEvents = 0;
  let sseConnects = 0;
  const sse = [];
  const subscribe = () => {
    const controller = new AbortController();
    sseConnects++;
    fetch(`${base}/events`, { headers: { ...viewer, accept: 'text/event-stream' }, signal: controller.signal })
      .then(async (res) => {
        if (res.status !== 200) note('sse', res.status, 0, [200]);
        for await (const chunk of res.body) sseEvents += (String(Buffer.from(chunk)).match(/^event: /gm) ?? []).length;
      })
      .catch(() => undefined);
    return controller;
  };
  for (let i = 0; i < SSE_CLIENTS; i++) sse.push(subscribe());
  const sseTimer = setInterval(() => {
    const i = Math.floor(random() * sse.length);
    sse[i].abort();
    sse[i] = subscribe();
  }, SSE_RECONNECT_MS / SSE_CLIENTS);

  // An ingest now and then: two versions of a small SARIF in turn, so each one reconciles.
  const sarif = [generateSarif({ results: 300, rules: 20, files: 50, seed: 1 }), generateSarif({ results: 300, rules: 20, files: 50, seed: 2 })];
  let ingests = 0;
  const ingestOnce = async () => {
    const form = new FormData();
    form.append('tool', 'sarif');
    form.append('file', new Blob([sarif[ingests++ % 2]]), 'scan.sarif');
    await call('ingest', '/ingest', { method: 'POST', headers: member, body: form });
  };
  let ingesting = null;
  const ingestTimer = setInterval(() => {
    ingesting ??= ingestOnce().finally(() => (ingesting = null));
  }, INGEST_EVERY_MS);

  // Samples: seconds since start, RSS and heap in MB.
  const samples = [];
  const started = performance.now();
  const sample = async () => {
    const text = await fetch(`${server.url}/metrics`).then((r) => r.text()).catch(() => '');
    const heap = Number(/^punchlist_nodejs_heap_size_used_bytes (\S+)/m.exec(text)?.[1] ?? NaN);
    samples.push({ s: (performance.now() - started) / 1000, rss: rssOf(server.child.pid) / 2 ** 20, heap: heap / 2 ** 20 });
  };
  await sample();
  const sampleTimer = setInterval(() => void sample(), SAMPLE_MS);

  const deadline = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < deadline) await chooseOp()();
    }),
  );
  clearInterval(sampleTimer);
  clearInterval(ingestTimer);
  clearInterval(sseTimer);
  await ingesting;
  await sample();
  for (const c of sse) c.abort();
  server.child.kill();

  const second = samples.filter((p) => p.s >= SECONDS / 2);
  const rawRss = slope(second.map((p) => [p.s / 60, p.rss]));
  const rawHeap = slope(second.filter((p) => Number.isFinite(p.heap)).map((p) => [p.s / 60, p.heap]));
  // Each tenth's trough, at its time.
  const tenths = Array.from({ length: 10 }, (_, i) => samples.filter((p) => p.s >= (i * SECONDS) / 10 && p.s < ((i + 1) * SECONDS) / 10));
  const trough = (list, f) => list.reduce((best, p) => (f(p) < f(best) ? p : best), list[0]);
  const lows = (f) => tenths.slice(5).filter((t) => t.length > 0).map((t) => trough(t, f)).map((p) => [p.s / 60, f(p)]);
  const rssSlope = slope(lows((p) => p.rss));
  const heapSlope = slope(lows((p) => (Number.isFinite(p.heap) ? p.heap : Infinity)).filter(([, y]) => Number.isFinite(y)));
  const requests = [...stats.values()].reduce((s, v) => s + v.n, 0);
  const bad = [...stats.values()].reduce((s, v) => s + (v.bad ?? 0), 0);
  const conflicts = [...stats.values()].reduce((s, v) => s + (v.codes[409] ?? 0), 0);
  const first = samples[0];
  const last = samples[samples.length - 1];
  const peak = Math.max(...samples.map((p) => p.rss));
  const flat = rssSlope < MAX_SLOPE && heapSlope < MAX_SLOPE;

  console.log(`${label}: ${ISSUES.toLocaleString('en')} issues (seeded in ${seeded} s), ${SECONDS} s, ${CLIENTS} clients, ${SSE_CLIENTS} SSE subscribers (${sseConnects} connects, ${sseEvents} events), ${ingests} ingests`);
  console.log(`  ${requests.toLocaleString('en')} requests (${Math.round(requests / SECONDS)} req/s), ${conflicts} expected 409s, ${bad} unexpected answers${unexpected.length ? `: ${[...new Set(unexpected)].join('; ')}` : ''}`);
  console.log(`  by op: ${[...stats].sort((a, b) => b[1].n - a[1].n).map(([op, s]) => `${op} ${s.n} (${(s.ms / s.n).toFixed(1)} ms)`).join(', ')}`);
  console.log(`  RSS ${first.rss.toFixed(0)} → ${last.rss.toFixed(0)} MB (peak ${peak.toFixed(0)}); heap ${first.heap.toFixed(0)} → ${last.heap.toFixed(0)} MB; ${samples.length} samples`);
  // The shape, a trough per tenth of the run: a bounded cache filling flattens out, a leak does not.
  const low = (t, f) => (t.length ? f(trough(t, f)).toFixed(0) : '-');
  console.log(`  lowest RSS per tenth of the run: ${tenths.map((t) => low(t, (p) => p.rss)).join(' ')} MB; lowest heap: ${tenths.map((t) => low(t, (p) => p.heap)).join(' ')} MB`);
  console.log(`  second half, every sample: RSS slope ${rawRss.toFixed(2)} MB/min, heap slope ${rawHeap.toFixed(2)} MB/min (the GC sawtooth; not judged)`);
  console.log(
    `  second half, troughs: RSS slope ${rssSlope.toFixed(2)} MB/min, heap slope ${heapSlope.toFixed(2)} MB/min (bar < ${MAX_SLOPE} MB/min): ` +
      (JUDGE_MEMORY ? (flat ? 'flat, met' : 'NOT flat') : `not judged (a run under 300 s is warm-up)`) +
      `; errors: ${bad === 0 ? 'none, met' : 'NOT met'}`,
  );
  return bad === 0 && (!JUDGE_MEMORY || flat);
}

console.log(`machine: ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}, ${new Date().toISOString()}`);
let ok = true;
try {
  if (STORES.includes('sqlite')) ok = (await soak('SQLite', join(dir, 'soak.db'))) && ok;
  if (STORES.includes('postgres')) {
    await withBenchPostgres(async (url) => {
      ok = (await soak('PostgreSQL', url)) && ok;
    });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exitCode = ok ? 0 : 1;
