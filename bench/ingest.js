// Ingest of generated SARIF (bench/ingest-generate.js), measured against its floor:
//   ingest      : punchlist's service, file → store, reconciled, one transaction
//   re-ingest   : the same file again (nothing changed: nothing may be written)
//   floor       : read + JSON.parse + a bare prepared insert of the same rows, same driver
// Each phase runs in its own process, so each peak RSS is its own.
// Run after `npm run build`:  npm run bench:ingest   (BENCH_SIZE=small in CI, or a number)
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sarifChunks } from './ingest-generate.js';
import { withBenchPostgres } from './postgres.js';
import { benchSize, mb, secs } from './sizes.js';

const self = fileURLToPath(import.meta.url);
const DEFAULT_STREAM_MB = 100;
const [phase, ...args] = process.argv.slice(2);

async function openStore(location) {
  if (location.startsWith('postgres')) return (await import('../dist/store/postgres.js')).openPostgresStore(location, { poolSize: 2 });
  return (await import('../dist/store/sqlite.js')).openSqliteStore(location);
}

async function ingestPhase(location, file, streamMB) {
  const { parseConfig } = await import('../dist/config/load.js');
  const { ingest } = await import('../dist/services/ingest.js');
  const store = await openStore(location);
  const project = (await store.projects.get('BENCH')) ?? (await store.write((tx) => tx.projects.insert({ key: 'BENCH', name: 'bench', title: null, owner: null, date: null, status: null, summary: null })));
  const steps = {};
  const start = performance.now();
  const outcome = await ingest(store, project, { onStep: (step, ms) => (steps[step] = (steps[step] ?? 0) + ms), files: [file], tool: 'auto', root: '/', actor: 'bench', commit: null, config: { ...parseConfig('').config.ingest, ...(streamMB ? { streamThresholdMB: Number(streamMB) } : {}) } });
  const ms = performance.now() - start;
  await store.close();
  return { ms, steps, report: outcome.reports[0], written: outcome.written };
}

const FLOOR_COLUMNS = ['project_id', 'tool', 'scope', 'fingerprint', 'rule', 'level', 'message', 'file', 'line', 'col', 'state', 'first_run_id', 'last_run_id', 'first_seen', 'last_seen'];

function rowsOf(file) {
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  const at = new Date().toISOString();
  return doc.runs[0].results.map((r) => {
    const loc = r.locations[0].physicalLocation;
    return [1, 'floor', 'default', r.partialFingerprints.primaryLocationLineHash, r.ruleId, r.level, r.message.text, loc.artifactLocation.uri, loc.region.startLine, loc.region.startColumn, 'open', 1, 1, at, at];
  });
}

async function floorPhase(location, file) {
  const start = performance.now();
  if (location.startsWith('postgres')) {
    const pg = (await import('pg')).default;
    const rows = rowsOf(file);
    const client = new pg.Client({ connectionString: location });
    await client.connect();
    await client.query('BEGIN');
    const types = ['int', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'int', 'int', 'text', 'int', 'int', 'text', 'text'];
    for (let i = 0; i < rows.length; i += 5000) {
      const batch = rows.slice(i, i + 5000);
      const arrays = FLOOR_COLUMNS.map((_, c) => batch.map((r) => r[c]));
      await client.query(`INSERT INTO findings (${FLOOR_COLUMNS.join(', ')}) SELECT * FROM unnest(${types.map((t, c) => `$${c + 1}::${t}[]`).join(', ')})`, arrays);
    }
    await client.query('COMMIT');
    await client.end();
  } else {
    const Sqlite = (await import('better-sqlite3')).default;
    const rows = rowsOf(file);
    const db = new Sqlite(location, { timeout: 10_000 });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const insert = db.prepare(`INSERT INTO findings (${FLOOR_COLUMNS.join(', ')}) VALUES (${FLOOR_COLUMNS.map(() => '?').join(', ')})`);
    db.exec('BEGIN');
    for (const row of rows) insert.run(row);
    db.exec('COMMIT');
    db.close();
  }
  return { ms: performance.now() - start };
}

if (phase !== undefined) {
  const [location, file, streamMB] = args;
  const result = phase === 'floor' ? await floorPhase(location, file) : await ingestPhase(location, file, streamMB);
  process.stdout.write(JSON.stringify({ ...result, rss: process.resourceUsage().maxRSS * 1024 }));
  process.exit(0);
}

// CI runs the small size unless told otherwise; by hand the full one.
const N = process.env.CI && !process.env.BENCH_SIZE ? 20_000 : benchSize(200_000, 20_000);
const dir = mkdtempSync(join(tmpdir(), 'pl-bench-ingest-'));
const file = join(dir, 'bench.sarif');
await new Promise((resolve, reject) => {
  const out = createWriteStream(file);
  out.on('error', reject);
  (async () => {
    for (const chunk of sarifChunks({ results: N })) if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
    out.end(resolve);
  })().catch(reject);
});
console.log(`Ingest bench: ${N.toLocaleString('en')} SARIF results, ${mb(statSync(file).size)} file (streamed at ${(await import('../dist/config/load.js')).parseConfig('').config.ingest.streamThresholdMB} MB and over), Node ${process.version}, load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}`);

const run = (...argv) => JSON.parse(execFileSync(process.execPath, ['--max-old-space-size=4096', self, ...argv], { encoding: 'utf8', maxBuffer: 1 << 20 }));

function measure(label, location, fresh) {
  const first = run('ingest', location, file);
  const again = run('ingest', location, file);
  const floor = run('floor', location, file);
  const r = first.report;
  console.log(`\n${label}`);
  console.log(`  ingest     ${secs(first.ms).padStart(9)}  peak RSS ${mb(first.rss).padStart(7)}  (${r.new} new findings, ${r.issuesCreated} issues)`);
  console.log(`  re-ingest  ${secs(again.ms).padStart(9)}  peak RSS ${mb(again.rss).padStart(7)}  (unchanged ${again.report.unchanged}, written: ${again.written})`);
  const steps = (r) => Object.entries(r.steps).map(([k, v]) => `${k} ${secs(v)}`).join(', ');
  console.log(`             first: ${steps(first)}`);
  console.log(`             again: ${steps(again)}`);
  console.log(`  floor      ${secs(floor.ms).padStart(9)}  peak RSS ${mb(floor.rss).padStart(7)}  (read + JSON.parse + bare prepared insert)`);
  console.log(`  ratio      ${(first.ms / floor.ms).toFixed(2)}× the floor (re-ingest ${(again.ms / floor.ms).toFixed(2)}×)`);
  if (fresh !== undefined) {
    // The other SARIF reader on the same file: streamed if the default parsed it whole, and back.
    const streamedByDefault = statSync(file).size >= DEFAULT_STREAM_MB * 1024 * 1024;
    const other = run('ingest', fresh, file, String(streamedByDefault ? 1_000_000 : 0.000001));
    console.log(`  ingest with the ${streamedByDefault ? 'whole-file JSON.parse' : 'streaming'} reader instead: ${secs(other.ms)}, peak RSS ${mb(other.rss)}`);
  }
}

measure('SQLite (embedded)', join(dir, 'bench.db'), join(dir, 'whole.db'));
await withBenchPostgres(async (serverUrl) => {
  const pg = (await import('pg')).default;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const name = `bench_ingest_${process.pid}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  measure('PostgreSQL', url.toString());
});
