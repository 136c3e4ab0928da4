import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { cliWithStore } from '../support/cli.js';
import { seedProject } from './fixture.js';

async function seeded() {
  const db = join(mkdtempSync(join(tmpdir(), 'punchlist-rules-')), 'punchlist.db');
  const store = await openSqliteStore(db);
  const project = await seedProject(store);
  await store.write((tx) =>
    tx.findings.recordMetric(project.id, { kind: 'tests', scope: 'default', runId: null, at: '2026-11-20T10:00:00.000Z', data: { failed: 0, passed: 10, skipped: 0, total: 10 } }),
  );
  await store.close();
  return cliWithStore(db);
}

describe('punchlist gate', () => {
  it('exits 1 and explains each item that is not passing, with the fix', async () => {
    const { run } = await seeded();
    const r = await run('gate', 'dod');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Gate dod — Definition of Done: FAILED (1/5 pass, 2 failing, 2 without data)');
    expect(r.stdout).toContain('✗ 1. 0 critical issues remaining');
    expect(r.stdout).toContain('rule: issues.open(["critical"]) == 0');
    expect(r.stdout).toContain('why:  2 open critical: C001, C002');
    expect(r.stdout).toContain('fix:  resolve or re-triage C001, C002 (punchlist issue list --open --severity critical)');
    expect(r.stdout).toContain('? 3. 80%+ test coverage  [no data]');
    expect(r.stdout).toContain('fix:  punchlist kpi record ci_success_rate VALUE');
    expect(r.stdout).toContain('fix:  punchlist check tick dod 5');
    expect(r.stdout).toMatch(/✓ 2\. All tests passing {2}\(tests: 0 failed/);
  });

  it('prints exactly the JSON contract', async () => {
    const { run } = await seeded();
    const r = await run('--json', 'gate', 'dod');
    expect(r.code).toBe(1);
    const body = r.json<{ gate: string; passed: boolean; items: Record<string, unknown>[] }>();
    expect(Object.keys(body)).toEqual(['gate', 'passed', 'allowUnknown', 'reason', 'items']);
    expect(body.gate).toBe('dod');
    expect(body.passed).toBe(false);
    for (const i of body.items) expect(Object.keys(i)).toEqual(['text', 'rule', 'status', 'reason']);
    expect(body.items[0]).toEqual({ text: '0 critical issues remaining', rule: 'issues.open(["critical"]) == 0', status: 'fail', reason: '2 open critical: C001, C002' });
    expect(body.items.map((i) => i.status)).toEqual(['fail', 'pass', 'unknown', 'unknown', 'fail']);
  });

  it('exits 0 when every item passes, and 2 for an unknown gate', async () => {
    const { run } = await seeded();
    expect((await run('check', 'tick', 'p1', 'hotfix')).code).toBe(0);
    // p2 has no items: nothing proves it open.
    const empty = await run('gate', 'p2');
    expect(empty.code).toBe(1);
    expect(empty.stdout).toContain('? phase "p2" has no items: there is nothing to pass');
    expect((await run('gate', 'p2', '--allow-unknown')).code).toBe(0);
    const p1 = await run('gate', 'p1');
    expect(p1.code).toBe(1);
    const unknown = await run('gate', 'nope');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('punchlist: no checklist or phase "nope" (known: dod, approval, p1, p2)\n');
  });
});

describe('punchlist gate --allow-unknown and --format', () => {
  it('lets items without data through only when asked; failing items still fail', async () => {
    const { run } = await seeded();
    for (const key of ['C001', 'C002']) await run('issue', 'resolve', key);
    await run('check', 'tick', 'dod', '5');
    const strict = await run('gate', 'dod');
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('why:  no coverage report ingested');
    expect(strict.stdout).toContain('fix:  run punchlist ingest coverage/coverage-summary.json');
    const allowed = await run('gate', 'dod', '--allow-unknown');
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain('PASSED (3/5 pass, 2 without data (allowed))');
    await run('check', 'untick', 'dod', '5');
    expect((await run('gate', 'dod', '--allow-unknown')).code).toBe(1);
  });

  it('writes a Markdown job summary', async () => {
    const { run } = await seeded();
    const md = await run('gate', 'dod', '--format', 'md');
    expect(md.code).toBe(1);
    expect(md.stdout).toContain('### ❌ Gate `dod` — Definition of Done: FAILED');
    expect(md.stdout).toContain('| ❌ | 1 | 0 critical issues remaining | fail | 2 open critical: C001, C002 | <code>resolve or re-triage C001, C002 (punchlist issue list --open --severity critical)</code> |');
    expect(md.stdout).toContain('| ❔ | 3 | 80%+ test coverage | unknown | no coverage report ingested |');
  });

  it('writes JUnit XML: each item a test case, failures and unknowns with the reason', async () => {
    const { run } = await seeded();
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'testcase' });
    const xml = await run('gate', 'dod', '--format', 'junit');
    expect(xml.code).toBe(1);
    expect(XMLValidator.validate(xml.stdout)).toBe(true);
    type Case = { name: string; classname: string; failure?: { message: string; type: string; '#text'?: string }; skipped?: { message: string } };
    type Suite = { tests: string; failures: string; skipped: string; testcase: Case[] };
    const doc = parser.parse(xml.stdout) as { testsuites: { testsuite: Suite } };
    const suite = doc.testsuites.testsuite;
    expect(suite).toMatchObject({ tests: '5', failures: '4', skipped: '0' });
    expect(suite.testcase.map((c) => c.name)).toEqual([
      '1. 0 critical issues remaining',
      '2. All tests passing',
      '3. 80%+ test coverage',
      '4. 95% CI pipeline success rate',
      '5. Rollback rehearsed',
    ]);
    expect(suite.testcase[0]?.failure).toMatchObject({ type: 'fail', message: '2 open critical: C001, C002' });
    expect(suite.testcase[0]?.failure?.['#text']).toContain('rule: issues.open(["critical"]) == 0');
    expect(suite.testcase[1]?.failure).toBeUndefined();
    expect(suite.testcase[2]?.failure).toMatchObject({ type: 'unknown', message: 'no coverage report ingested' });
    const allowed = parser.parse((await run('gate', 'dod', '--format', 'junit', '--allow-unknown')).stdout) as { testsuites: { testsuite: Suite } };
    expect(allowed.testsuites.testsuite).toMatchObject({ failures: '2', skipped: '2' });
    expect(allowed.testsuites.testsuite.testcase[3]?.skipped).toEqual({ message: 'no value recorded for KPI "ci_success_rate"' });
    const empty = parser.parse((await run('gate', 'p2', '--format', 'junit')).stdout) as { testsuites: { testsuite: Suite } };
    expect(empty.testsuites.testsuite.testcase[0]).toMatchObject({ name: '(no items)', failure: { type: 'unknown' } });
  });
});

describe('check, kpi, snapshot, standup, forecast, approve and verify commands', () => {
  it('lists, ticks and unticks', async () => {
    const { run } = await seeded();
    const lists = await run('check', 'list');
    expect(lists.stdout).toMatch(/^KEY\s+TITLE\s+PASS\s+FAIL\s+NO DATA\s+GATE/);
    expect(lists.stdout).toMatch(/dod\s+Definition of Done\s+1\s+2\s+2\s+closed/);
    const tick = await run('check', 'tick', 'dod', 'Rollback');
    expect(tick.stdout).toBe('dod 5. Rollback rehearsed: done\n');
    const one = await run('--json', 'check', 'list', 'dod');
    expect(one.json<{ items: { status: string; manual: boolean }[] }[]>()[0]?.items[4]).toMatchObject({ status: 'pass', manual: true });
    expect((await run('check', 'tick', 'dod', '1')).code).toBe(2);
    expect((await run('check', 'untick', 'dod', '5')).stdout).toContain('not done');
  });

  it('tries a rule without saving it', async () => {
    const { run } = await seeded();
    expect(await run('check', 'eval', 'issues.open(["major"]) == 2')).toMatchObject({ code: 0, stdout: 'pass: 2 open major: M001, M002\n' });
    const failing = await run('check', 'eval', 'issues.count({"label": "security", "open": true}) == 0');
    expect(failing).toMatchObject({ code: 1, stdout: 'fail: 2 matching label=security, open=true: C001, M001\n  fix: look at C001, M001\n' });
    const bad = await run('check', 'eval', 'issues.open(["urgent"]) == 0');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('at 1:14: unknown severity "urgent"');
  });

  it('records and lists KPIs', async () => {
    const { run } = await seeded();
    expect((await run('kpi', 'record', 'ci_success_rate', '93.5', '--at', '2026-11-20')).stdout).toBe('ci_success_rate = 93.5 at 2026-11-20T12:00:00.000Z\n');
    const list = await run('kpi', 'list');
    expect(list.stdout).toMatch(/ci_success_rate\s+CI pipeline success rate\s+>= 95%\s+p1\s+93.5%\s+2026-11-20 12:00\s+OFF TRACK/);
    expect(list.stdout).toMatch(/error_rate\s+Error rate\s+< 0.5%\s+-\s+-\s+-\s+no data/);
    expect((await run('kpi', 'record', 'ci_success_rate', 'lots')).code).toBe(2);
    await run('kpi', 'record', 'ci_success_rate', '97', '--at', '2026-11-21T08:00:00Z');
    const history = await run('kpi', 'history', 'ci_success_rate');
    expect(history.stdout).toMatch(/2026-11-20T12:00:00.000Z\s+93.5\s+tester\n2026-11-21T08:00:00.000Z\s+97\s+tester/);
  });

  it('snapshots, and gives a standup and a forecast', async () => {
    const { run } = await seeded();
    const snap = await run('--json', 'snapshot');
    expect(snap.json<{ counts: { critical: { backlog: number } } }>().counts.critical.backlog).toBe(1);
    const standup = await run('standup');
    expect(standup.code).toBe(0);
    expect(standup.stdout).toMatch(/Critical\s+1\/3\s+-\s+1\s+0\s+2/);
    expect(standup.stdout).toContain("Today's focus: Stabilise (ACTIVE, Week 1) — 1/2 tasks done, 3 open issue(s)");
    expect(standup.stdout).toContain('Next: Harden (NEXT, Week 2)');
    expect(standup.stdout).toContain('Blocked:\n  Major: M001');
    expect((await run('standup', '--date', 'monday')).code).toBe(2);
    const forecast = await run('forecast', '--phase', 'p1');
    expect(forecast.stdout).toContain('p1 — Stabilise: 3 open (2 critical, 1 major)\n  cannot forecast yet: only 0 day(s) of history');
    expect(forecast.stdout).toContain('  ETAs: 3.5 h estimated on 2 of 3 open issues of this phase; budget 40 h');
    expect((await run('forecast', '--phase', 'zz')).code).toBe(2);
  });

  it('approves and verifies, and verify fails on a tampered row', async () => {
    const { db, run } = await seeded();
    const a = await run('approve', 'approval', 'CTO');
    expect(a.stdout).toMatch(/^Approved "CTO sign-off" \(approval\) as tester at /);
    expect((await run('verify')).stdout).toBe('All 1 sign-off(s) verified: the chain is intact.\n');
    const raw = new Sqlite(db);
    raw.prepare("UPDATE signoffs SET item_text = 'CFO sign-off'").run();
    raw.close();
    const v = await run('verify');
    expect(v.code).toBe(1);
    expect(v.stdout).toContain('Sign-off chain BROKEN: 1 problem(s) in 1 sign-off(s)');
  });
});
