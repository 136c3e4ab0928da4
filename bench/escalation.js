// Escalation sweep on PostgreSQL with many open issues (SPEC §8, issue 11): the due ones are
// found by index (issues_sla_next), never by reading every issue. Set-up writes the rows in SQL
// as a steady state (every clock already planned: far-future next looks, DUE of them overdue),
// then times one real sweep (find, plan, fire, log) against a full count of the open issues.
// BENCH_SIZE=small: 20,000 issues; default 1,000,000.
import pg from 'pg';
import { withBenchPostgres } from './postgres.js';

const N = process.env.BENCH_SIZE === 'small' ? 20_000 : 1_000_000;
const DUE = 1_000;

await withBenchPostgres(async (url) => {
  const { openPostgresStore } = await import('../dist/store/postgres.js');
  const { sweep, loadPolicy, defaultEscalationSettings } = await import('../dist/services/escalation.js');
  const { policyHash } = await import('../dist/escalation/policy.js');
  const { parseConfig } = await import('../dist/config/load.js');
  const store = await openPostgresStore(url, { poolSize: 4 });
  const { config } = parseConfig('escalation:\n  levels:\n    - { level: 1, after: 4h }\n');
  const settings = { ...defaultEscalationSettings(), escalation: config.escalation, timezone: 'UTC' };
  const project = await store.projects.insert({ key: 'BE', name: 'bench', title: null, owner: null, date: null, status: null, summary: null });
  const pool = new pg.Pool({ connectionString: url });
  let t = performance.now();
  await pool.query(
    `insert into issues (project_id, key, title, severity, status, created_at, updated_at, version, sla_dirty, sla_next_at)
     select $1, 'BE-' || g, 'issue ' || g, 'major', 'backlog', '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z', 1, 0,
            case when g <= $2 then '2026-11-01T04:00:00.000Z' else '2099-01-01T00:00:00.000Z' end
     from generate_series(1, $3::int) g`,
    [project.id, DUE, N],
  );
  await pool.query('analyze issues');
  await store.escalations.setPolicyHash(project.id, policyHash(await loadPolicy(store, project, settings)), new Date().toISOString());
  console.log(`set-up: ${N.toLocaleString('en')} open issues, ${DUE} due (${(performance.now() - t).toFixed(0)} ms)`);

  t = performance.now();
  const scan = await pool.query("select count(*) from issues where project_id = $1 and status in ('backlog','planned','in_progress','blocked')", [project.id]);
  const scanMs = performance.now() - t;
  t = performance.now();
  const found = await store.escalations.candidates(project.id, '2026-11-02T00:00:00.000Z', 2_000);
  const findMs = performance.now() - t;
  const plan = await pool.query("explain select id from issues where project_id = $1 and sla_next_at <= '2026-11-02' order by sla_next_at limit 2000", [project.id]);
  t = performance.now();
  const result = await sweep(store, project, settings, { now: new Date('2026-11-02T00:00:00Z') });
  const sweepMs = performance.now() - t;
  const index = plan.rows.map((r) => r['QUERY PLAN']).find((l) => /Index/.test(l))?.trim() ?? 'no index scan';
  console.log(`floor, a count of every open issue: ${scanMs.toFixed(0)} ms (${scan.rows[0].count})`);
  console.log(`due issues found by index: ${found.length} in ${findMs.toFixed(0)} ms  [${index}]`);
  console.log(`one sweep (find, plan, fire ${result.escalated.length}, log): ${sweepMs.toFixed(0)} ms; looked at ${result.examined}; ratio to the count: ${(sweepMs / scanMs).toFixed(2)}`);
  if (found.length !== DUE || result.escalated.length !== DUE) process.exitCode = 1;
  await pool.end();
  await store.close();
});
