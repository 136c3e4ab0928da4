// Audit report for 100,000 issues (SPEC §11: under 1 s). Run after `npm run build`:
//   node bench/report.js          (BENCH_SIZE=small in CI)
// Measures the pure renderer on an in-memory model, then the whole path a user runs: load the
// document and evaluate every rule from a SQLite store, then render.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { parseAuditMarkdown } from '../dist/documents/parse-audit-markdown.js';
import { buildReportModel } from '../dist/documents/report-model.js';
import { renderReport } from '../dist/documents/render-report.js';
import { loadReportModel } from '../dist/services/reports.js';
import { applyDocument } from '../dist/services/project-document.js';
import { openSqliteStore } from '../dist/store/sqlite.js';
import { benchSize, mb, timed } from './sizes.js';

const N = benchSize(100_000, 10_000);
const SEV = ['critical', 'major', 'medium', 'minor'];
const STATUS = ['backlog', 'planned', 'in_progress', 'blocked', 'resolved'];

// The audit example supplies phases, checklists, rules, teams and escalation around the issues.
const example = parseAuditMarkdown(readFileSync(new URL('../test/fixtures/documents/audit.md', import.meta.url), 'utf8'), { projectKey: 'TW' }).document;
const issues = Array.from({ length: N }, (_, k) => {
  const i = k + 1;
  return {
    key: `TW-${i}`, title: `Issue ${i}: something wrong in module ${i % 700}`, severity: SEV[i % 4], status: STATUS[i % 5],
    owner: `Team ${i % 12}`, estimateMinutes: (i % 8) * 30 || null, dueDate: null, files: [`src/m${i % 700}.ts`], phase: null,
    labels: [], links: [], source: 'manual', description: null, extra: {}, createdAt: null, startedAt: null, resolvedAt: null, comments: [],
  };
});
const document = { ...example, issues };

// Wall time and CPU time (user + system) of this process: on a shared, loaded machine the CPU time
// is the figure that does not depend on what else runs.
const median = async (runs, fn) => {
  const times = [];
  const cpus = [];
  let result;
  for (let r = 0; r < runs; r++) {
    const before = process.cpuUsage();
    const t = await timed(fn);
    const used = process.cpuUsage(before);
    times.push(t.ms);
    cpus.push((used.user + used.system) / 1000);
    result = t.result;
  }
  times.sort((a, b) => a - b);
  cpus.sort((a, b) => a - b);
  return { ms: times[Math.floor(runs / 2)], cpu: cpus[Math.floor(runs / 2)], result };
};
const fmt = (m) => `${m.ms.toFixed(0).padStart(6)} ms wall ${m.cpu.toFixed(0).padStart(6)} ms cpu`;

console.log(`Report of ${N.toLocaleString('en')} issues (median of 5 runs)`);
const model = buildReportModel(document);
for (const [kind, format] of [['audit', 'md'], ['roadmap', 'md'], ['standup', 'md'], ['audit', 'json'], ['audit', 'html']]) {
  const m = await median(format === 'html' ? 3 : 5, () => renderReport(kind, model, format));
  console.log(`render ${`${kind} ${format}`.padEnd(13)} (pure)        ${fmt(m)}   ${mb(Buffer.byteLength(m.result))}`);
}

const db = join(mkdtempSync(join(tmpdir(), 'pl-report-bench-')), 'punchlist.db');
const store = await openSqliteStore(db);
await applyDocument(store, { ...example, issues: [] }, { actor: 'bench' });
const project = await store.projects.get('TW');
await store.close();
const raw = new Sqlite(db);
const insert = raw.prepare(
  `insert into issues (project_id, key, title, severity, status, owner, estimate_minutes, files, created_at, updated_at)
   values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
);
const base = Date.UTC(2026, 0, 1);
raw.transaction(() => {
  for (const issue of issues) {
    const at = new Date(base + Number(issue.key.slice(3)) * 60_000).toISOString();
    insert.run(project.id, issue.key, issue.title, issue.severity, issue.status, issue.owner, issue.estimateMinutes, JSON.stringify(issue.files), at, at);
  }
})();
raw.close();

const live = await openSqliteStore(db);
const liveProject = await live.projects.get('TW');
const load = await median(5, () => loadReportModel(live, liveProject));
console.log(`load + evaluate from SQLite          ${fmt(load)}`);
const whole = await median(5, async () => renderReport('audit', await loadReportModel(live, liveProject), 'md'));
console.log(`audit md, store to text (end to end) ${fmt(whole)}   ${whole.ms < 1000 ? 'ok (< 1 s)' : 'OVER 1 s'}`);
const { loadavg, cpus } = await import('node:os');
console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
await live.close();
console.log(`peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}`);
