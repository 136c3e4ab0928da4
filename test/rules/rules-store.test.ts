import { afterEach, describe, expect, it } from 'vitest';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import type { Project } from '../../src/domain/model.js';
import type { Store } from '../../src/domain/ports.js';
import { listChecks, runGate, setChecked } from '../../src/services/checks.js';
import { evaluateProject, loadRuleWorld } from '../../src/services/evaluate.js';
import { evaluateRule } from '../../src/rules/evaluate-rule.js';
import { listKpis, recordKpi } from '../../src/services/kpis.js';
import { approve, verifySignoffs } from '../../src/services/signoffs.js';
import { forecastProject } from '../../src/services/forecast.js';
import { takeSnapshot } from '../../src/services/snapshots.js';
import { buildStandup } from '../../src/services/standup.js';
import { seededRng } from '../../src/rules/forecast.js';
import { emptyCounts } from '../../src/rules/snapshot.js';
import { counterFromFacts } from '../../src/rules/issue-query.js';
import type { IssueQuery } from '../../src/domain/tracking-port.js';
import { type StoreFactory, storeFactories } from '../support/stores.js';
import { seedProject } from './fixture.js';

async function tamper(factory: StoreFactory, statement: string): Promise<void> {
  if (factory.name === 'sqlite') {
    const db = new Sqlite(factory.lastLocation());
    db.prepare(statement).run();
    db.close();
    return;
  }
  const client = new pg.Client({ connectionString: factory.lastLocation() });
  await client.connect();
  await client.query(statement);
  await client.end();
}

describe.each(storeFactories())('rules on $name', (factory) => {
  let store: Store;
  let project: Project;
  afterEach(async () => {
    await store.close();
  });
  const setup = async () => {
    store = await factory.open();
    project = await seedProject(store);
  };
  const metric = (kind: 'tests' | 'coverage', data: Record<string, number>, scope = 'default', at = '2026-11-20T10:00:00.000Z') =>
    store.write((tx) => tx.findings.recordMetric(project.id, { kind, scope, runId: null, at, data }));

  it('evaluates every rule function: unknown without data, then fail, then pass', async () => {
    await setup();
    let e = await evaluateProject(store, project);
    expect(e.items.get('checklist:dod:0')).toEqual({ status: 'fail', reason: '2 open critical: C001, C002', manual: false, fix: expect.any(String) });
    expect(e.items.get('checklist:dod:1')).toMatchObject({ status: 'unknown', reason: 'no test results ingested' });
    expect(e.items.get('checklist:dod:2')).toMatchObject({ status: 'unknown', reason: 'no coverage report ingested' });
    expect(e.items.get('checklist:dod:3')).toMatchObject({ status: 'unknown' });
    expect(e.items.get('checklist:dod:4')).toEqual({ status: 'fail', reason: 'not ticked yet', manual: true, fix: null });
    expect(e.items.get('phase:p1:0')).toMatchObject({ status: 'fail', reason: '1 matching status=blocked, phase=p1: M001' });
    expect(e.items.get('phase:p1:1')).toMatchObject({ status: 'pass', manual: true });
    expect(e.items.get('checklist:approval:2')).toMatchObject({ status: 'fail', reason: 'checklist "dod": 0 of 5 items pass' });
    expect(e.kpis.get('ci_success_rate')).toEqual({ value: null, at: null, onTrack: null });
    expect(e.context.issues).toEqual({ total: 6, open: 4 });

    await metric('tests', { failed: 1, passed: 50, skipped: 0, total: 51 }, 'unit', '2026-11-20T10:00:00.000Z');
    await metric('tests', { failed: 0, passed: 20, skipped: 1, total: 21 }, 'e2e', '2026-11-20T11:00:00.000Z');
    await metric('coverage', { lines: 78.2, branches: 60, functions: 70, statements: 77 }, 'default', '2026-11-20T10:00:00.000Z');
    await recordKpi(store, project, { key: 'ci_success_rate', value: '96%', at: '2026-11-20' }, 'ana');
    e = await evaluateProject(store, project);
    expect(e.items.get('checklist:dod:1')).toMatchObject({ status: 'fail', reason: 'tests: 1 failed, 70 passed, 1 skipped of 72 (2026-11-20)' });
    expect(e.items.get('checklist:dod:2')).toMatchObject({ status: 'fail', reason: 'coverage: lines 78.2% (2026-11-20)' });
    expect(e.items.get('checklist:dod:3')).toMatchObject({ status: 'pass', reason: 'ci_success_rate = 96 (recorded 2026-11-20)' });
    expect(e.kpis.get('ci_success_rate')).toEqual({ value: 96, at: '2026-11-20T12:00:00.000Z', onTrack: true });

    // A later run of the same scope replaces it; the latest coverage report wins.
    await metric('tests', { failed: 0, passed: 51, skipped: 0, total: 51 }, 'unit', '2026-11-21T10:00:00.000Z');
    await metric('coverage', { lines: 84, branches: 61, functions: 70, statements: 80 }, 'default', '2026-11-21T10:00:00.000Z');
    await store.write(async (tx) => {
      for (const key of ['C001', 'C002']) {
        const i = await tx.issues.get(project.id, key);
        await tx.issues.update(i!.id, { status: 'resolved' }, i!.version);
      }
    });
    await setChecked(store, project, 'dod', 'rollback', true, { actor: 'ana', at: '2026-11-21T12:00:00.000Z' });
    e = await evaluateProject(store, project);
    for (const i of [0, 1, 2, 3, 4]) expect(e.items.get(`checklist:dod:${i}`)?.status).toBe('pass');
    expect(e.items.get('checklist:dod:4')).toMatchObject({ reason: 'ticked by ana on 2026-11-21' });
    expect(e.items.get('checklist:approval:2')?.status).toBe('pass');
  });

  it('reads the latest test and coverage run of every scope, however many runs came after', async () => {
    await setup();
    await metric('tests', { failed: 2, passed: 8, skipped: 0, total: 10 }, 'quiet', '2026-11-01T10:00:00.000Z');
    await metric('coverage', { lines: 50, linesCovered: 50, linesTotal: 100 }, 'quiet', '2026-11-01T10:00:00.000Z');
    // 600 later runs of another scope: the quiet scope's one run is still its latest.
    await store.write(async (tx) => {
      for (let i = 0; i < 600; i++) {
        const at = new Date(Date.parse('2026-11-02T00:00:00.000Z') + i * 60_000).toISOString();
        await tx.findings.recordMetric(project.id, { kind: 'tests', scope: 'busy', runId: null, at, data: { failed: 0, passed: 5, skipped: 0, total: 5 } });
        await tx.findings.recordMetric(project.id, { kind: 'coverage', scope: 'busy', runId: null, at, data: { lines: 100, linesCovered: 300, linesTotal: 300 } });
      }
    });
    const { ctx } = await loadRuleWorld(store, project);
    expect(ctx.metrics.tests.map((t) => t.scope)).toEqual(['busy', 'quiet']);
    expect(evaluateRule('tests.failed == 2 && tests.total == 15', ctx).status).toBe('pass');
    expect(evaluateRule('tests("quiet").failed == 2', ctx).status).toBe('pass');
    // (50 + 300) / (100 + 300) = 87.5%
    expect(evaluateRule('coverage.lines == 87.5', ctx).status).toBe('pass');
    expect(evaluateRule('coverage("quiet").lines == 50.0', ctx).status).toBe('pass');

    // A crashed scan leaves that scope's tests unknown until it runs cleanly again.
    await store.write((tx) =>
      tx.tracking.recordToolFailure(project.id, { name: 'unit', tool: 'junit', scope: 'quiet', at: '2026-11-03T00:00:00.000Z', exitCode: 134, reason: 'no output' }),
    );
    let world = await loadRuleWorld(store, project);
    expect(evaluateRule('tests("quiet").failed == 2', world.ctx).status).toBe('unknown');
    expect(evaluateRule('tests("busy").failed == 0', world.ctx).status).toBe('pass');
    await store.write((tx) => tx.tracking.clearToolFailures(project.id, { name: 'unit', scope: 'quiet' }));
    world = await loadRuleWorld(store, project);
    expect(world.ctx.metrics.failures).toEqual([]);
    expect(evaluateRule('tests("quiet").failed == 2', world.ctx).status).toBe('pass');
  });

  it('answers every issues function from the store', async () => {
    await setup();
    const rules = [
      'issues.open() == 4',
      'issues.open(["critical"]) == 2 && issues.open(["critical", "major"]) == 4',
      'issues.resolved() == 1 && issues.resolved(["critical"]) == 1 && issues.resolved(["minor"]) == 0',
      'issues.total() == 6 && issues.total(["major"]) == 2',
      'issues.count({"status": ["blocked", "in_progress"]}) == 2',
      'issues.count({"phase": "p1", "open": true}) == 3 && issues.count({"phase": ["p2"]}) == 1',
      'issues.count({"label": "security"}) == 2 && issues.count({"label": "security", "severity": "critical"}) == 1',
      'issues.count({"open": false}) == 2',
      '["minor", "medium"].all(s, issues.open([s]) == 0)',
    ];
    const checklists = [{ key: 'all', title: 'All functions', section: null, items: rules.map((rule) => ({ text: rule, rule, done: false, doneBy: null, doneAt: null })) }];
    await store.write((tx) => tx.sections.replace(project.id, { checklists }));
    const gate = await runGate(store, project, 'all');
    expect(gate.items.filter((i) => i.status !== 'pass')).toEqual([]);
    expect(gate.passed).toBe(true);
  });

  it('runs a gate and a phase as a gate', async () => {
    await setup();
    const dod = await runGate(store, project, 'dod');
    expect(dod).toMatchObject({ gate: 'dod', passed: false, counts: { pass: 0, fail: 2, unknown: 3 } });
    const p1 = await runGate(store, project, 'P1');
    expect(p1).toMatchObject({ gate: 'p1', passed: false, counts: { pass: 1, fail: 1, unknown: 0 } });
    await expect(runGate(store, project, 'nope')).rejects.toThrow(/no checklist or phase "nope" \(known: dod, approval, p1, p2\)/);
    const all = await listChecks(store, project);
    expect(all.map((g) => g.gate)).toEqual(['dod', 'approval', 'p1', 'p2']);
    // An empty list is no evidence: it does not pass.
    expect(all[3]).toMatchObject({ passed: false, items: [], reason: expect.stringContaining('has no items') });
  });

  it('ticks and unticks manual items with who and when, and refuses ruled ones', async () => {
    await setup();
    const r = await setChecked(store, project, 'dod', '5', true, { actor: 'ana', at: '2026-11-21T12:00:00.000Z' });
    expect(r).toEqual({ list: 'dod', index: 4, text: 'Rollback rehearsed', done: true, changed: true });
    expect((await setChecked(store, project, 'dod', 'Rollback', true, { actor: 'bo' })).changed).toBe(false);
    const sections = await store.sections.load(project.id);
    expect(sections.checklists[0]?.items[4]).toMatchObject({ done: true, doneBy: 'ana', doneAt: '2026-11-21T12:00:00.000Z' });
    await expect(setChecked(store, project, 'dod', '1', true, { actor: 'ana' })).rejects.toThrow(/computed by its rule/);
    await expect(setChecked(store, project, 'approval', 'sign-off', true, { actor: 'ana' })).rejects.toThrow(/matches 2 items/);
    await expect(setChecked(store, project, 'dod', '9', true, { actor: 'ana' })).rejects.toThrow(/out of range/);
    await setChecked(store, project, 'dod', '5', false, { actor: 'ana' });
    expect((await store.sections.load(project.id)).checklists[0]?.items[4]).toMatchObject({ done: false, doneBy: null, doneAt: null });
    const events = await store.events.list(project.id, { entityKey: 'dod' });
    expect(events.map((ev) => ev.action).sort()).toEqual(['check.ticked', 'check.unticked']);
  });

  it('records KPI values and lists them against targets', async () => {
    await setup();
    await recordKpi(store, project, { key: 'error_rate', value: '0.9', at: '2026-11-19T08:00:00Z' }, 'ana');
    await recordKpi(store, project, { key: 'error_rate', value: '0.4', at: '2026-11-20T08:00:00Z' }, 'ana');
    await recordKpi(store, project, { key: 'error_rate', value: '0.7', at: '2026-11-18T08:00:00Z' }, 'ana');
    const { defined } = await recordKpi(store, project, { key: 'p95_render', value: '640' }, 'ana');
    expect(defined).toBe(false);
    const rows = await listKpis(store, project);
    expect(rows.find((r) => r.key === 'error_rate')).toMatchObject({ latest: 0.4, onTrack: true, history: 3, comparator: '<', target: 0.5 });
    expect(rows.find((r) => r.key === 'ci_success_rate')).toMatchObject({ latest: null, onTrack: null, phase: 'p1' });
    expect(rows.find((r) => r.key === 'p95_render')).toMatchObject({ latest: 640, target: null });
    expect((await store.tracking.latestKpiValues(project.id)).find((v) => v.key === 'error_rate')?.value).toBe(0.4);
    await expect(recordKpi(store, project, { key: 'x', value: 'abc' }, 'ana')).rejects.toThrow(/not a number/);
    await expect(recordKpi(store, project, { key: 'x', value: '1', at: 'yesterday' }, 'ana')).rejects.toThrow(/--at/);
  });

  it('takes one snapshot per day, the last one winning', async () => {
    await setup();
    await store.write((tx) => takeSnapshot(tx, project, '2026-11-20T09:00:00.000Z'));
    const i = await store.issues.get(project.id, 'C001');
    await store.issues.update(i!.id, { status: 'resolved' }, i!.version);
    await store.write((tx) => takeSnapshot(tx, project, '2026-11-20T17:00:00.000Z'));
    await store.write((tx) => takeSnapshot(tx, project, '2026-11-21T09:00:00.000Z'));
    const snaps = await store.tracking.snapshots(project.id);
    expect(snaps.map((s) => s.day)).toEqual(['2026-11-20', '2026-11-21']);
    expect(snaps[0]).toMatchObject({ at: '2026-11-20T17:00:00.000Z' });
    expect(snaps[0]?.counts.critical).toMatchObject({ backlog: 0, in_progress: 1, resolved: 2 });
    expect(snaps[0]?.counts.minor.wont_fix).toBe(1);
    expect(await store.tracking.snapshots(project.id, { from: '2026-11-21' })).toHaveLength(1);
  });

  it('keeps the chain linear when approvals race', async () => {
    await setup();
    await Promise.all(Array.from({ length: 8 }, (_, i) => approve(store, project, 'approval', String((i % 3) + 1), { actor: `exec${i}` })));
    expect(await verifySignoffs(store, project)).toMatchObject({ signoffs: 8, ok: true });
  });

  it('chains sign-offs and detects a row altered in the database', async () => {
    await setup();
    const first = await approve(store, project, 'approval', 'CTO', { actor: 'cto', at: '2026-11-21T10:00:00.000Z' });
    const second = await approve(store, project, 'approval', '2', { actor: 'cfo', at: '2026-11-21T11:00:00.000Z' });
    expect(first.prevHash).toBeNull();
    expect(second.prevHash).toBe(first.hash);
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await store.sections.load(project.id)).checklists[1]?.items[0]).toMatchObject({ done: true, doneBy: 'cto' });
    expect(await verifySignoffs(store, project)).toEqual({ signoffs: 2, ok: true, problems: [] });

    await tamper(factory, `UPDATE signoffs SET actor = 'mallory' WHERE id = ${first.id}`);
    const broken = await verifySignoffs(store, project);
    expect(broken.ok).toBe(false);
    expect(broken.problems).toEqual([expect.objectContaining({ id: first.id, problem: expect.stringContaining('altered') })]);

    await tamper(factory, `DELETE FROM signoffs WHERE id = ${second.id}`);
    const deleted = await verifySignoffs(store, project);
    expect(deleted.problems).toContainEqual(expect.objectContaining({ itemText: 'CFO sign-off', problem: expect.stringContaining('deleted') }));
  });

  it('computes standup and forecast from a recorded history', async () => {
    await setup();
    // Two critical and two major closed per working day over a week, starting from 14 open.
    const week = ['2026-11-09', '2026-11-10', '2026-11-11', '2026-11-12', '2026-11-13'];
    for (const [n, day] of week.entries()) {
      const counts = emptyCounts();
      counts.critical.backlog = 7 - n;
      counts.critical.resolved = n;
      counts.major.backlog = 7 - n;
      counts.major.resolved = n;
      await store.tracking.upsertSnapshot(project.id, { day, at: `${day}T18:00:00.000Z`, counts });
    }
    const report = await buildStandup(store, project, '2026-11-13', new Date('2026-11-22T12:00:00Z'));
    expect(report.since).toBe('2026-11-12');
    expect(report.tiers.slice(0, 2).map((t) => [t.completed, t.total, t.closedSince, t.open, t.openDelta])).toEqual([
      [4, 7, 1, 3, -1],
      [4, 7, 1, 3, -1],
    ]);
    expect(report.focus?.key).toBe('p1');
    expect(report.next?.key).toBe('p2');

    // Open now: 2 critical + 1 major in p1, 1 major in p2; ~2 closures a day over 7 observed days.
    const [p1, p2, all] = await forecastProject(store, project, { today: '2026-11-16', rng: seededRng(7) });
    expect(p1).toMatchObject({ phase: 'p1', remaining: { critical: 2, major: 1 }, includesEarlier: false, windowEnd: '2026-11-22' });
    expect(p1?.result).toMatchObject({ status: 'ok', historyDays: 7, meanPerDay: 1.14 });
    expect(p1?.verdict).toBe('on_track');
    expect(p1?.etas).toEqual({ minutes: 210, estimated: 2, unestimated: 1, budgetHours: 40 });
    expect(p2).toMatchObject({ phase: 'p2', remaining: { critical: 2, major: 2 }, includesEarlier: true });
    expect(all?.phase).toBeNull();
    const again = await forecastProject(store, project, { today: '2026-11-16', rng: seededRng(7) });
    expect(again).toEqual([p1, p2, all]);
    const only = await forecastProject(store, project, { today: '2026-11-16', phase: 'p2', rng: seededRng(7) });
    expect(only.map((f) => f.phase)).toEqual(['p2']);
  });
});

describe.each(storeFactories())('issue counts in SQL on $name', (factory) => {
  it('agree with counting the loaded facts', async () => {
    const store = await factory.open();
    try {
      const project = await seedProject(store);
      const queries: IssueQuery[] = [
        {},
        { open: true },
        { open: false },
        { severity: ['critical'], open: true },
        { severity: ['critical', 'major'], status: ['resolved'] },
        { status: ['blocked', 'in_progress'] },
        { phase: ['p1'] },
        { phase: ['p1', 'p2'], open: true },
        { label: ['security'] },
        { label: ['security', 'nope'], severity: ['major'] },
        { label: ['secur'] },
        { phase: ['zz'] },
      ];
      const sql = await store.tracking.countIssues(project.id, queries, 2);
      const facts = counterFromFacts(await store.tracking.issueFacts(project.id));
      queries.forEach((q, i) => {
        const expected = facts(q);
        expect(sql[i], JSON.stringify(q)).toEqual({ count: expected.count, keys: expected.keys.slice(0, 2) });
      });
    } finally {
      await store.close();
    }
  });
});
