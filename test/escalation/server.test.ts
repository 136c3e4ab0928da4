// Escalation through the server: the API routes, the /metrics series, the scheduler on SQLite
// (a timer), and two `serve` replicas sweeping one PostgreSQL at the same moment.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/domain/ports.js';
import { startScheduler } from '../../src/server/escalation-scheduler.js';
import { addIssue } from '../../src/services/issues.js';
import { applyDocument } from '../../src/services/project-document.js';
import { startServer, type TestServer } from '../server/helpers.js';
import { buildDocument, buildIssue } from '../support/builders.js';
import { BIN } from '../support/paths.js';
import { postgresFactory, storeFactories } from '../support/stores.js';
import { settingsFrom } from './settings.js';

const SETTINGS = settingsFrom(`
escalation:
  levels:
    - { level: 1, after: 1h, severities: [critical], repeat: 1h }
    - { level: 2, after: 1d }
  channels:
    ops: { kind: webhook, url: "http://127.0.0.1:9/hooks/SECRET-PATH", secret: "whsec_never_printed_0123" }
  defaultChannels: [ops]
  delivery: { maxAttempts: 1, timeoutSeconds: 1 }
`);

describe.each(storeFactories())('escalation API on $name', (factory) => {
  let store: Store;
  let s: TestServer;
  beforeAll(async () => {
    store = await factory.open();
    await applyDocument(store, buildDocument({ issues: [buildIssue({ key: 'B001', severity: 'critical', createdAt: '2020-01-06T09:00:00.000Z' })] }), { actor: 'test' });
    s = await startServer(store, { escalation: SETTINGS });
    const scheduler = await startScheduler({ store, settings: SETTINGS, postgresUrl: null, log: { info: () => undefined, error: () => undefined } });
    await scheduler.stop(); // its first tick ran (and finished) on start
  });
  afterAll(async () => {
    await s.close();
    await store.close();
  });

  it('lists escalations, failed deliveries, the SLA view and the clock, and takes acknowledgements', async () => {
    const list = (await s.app.inject({ url: '/api/projects/TW/escalations', headers: s.auth('viewer') })).json();
    expect(list.items.map((e: { issueKey: string; level: number }) => [e.issueKey, e.level]).sort()).toEqual([['B001', 1], ['B001', 2]]);
    const failed = await s.app.inject({ url: '/api/projects/TW/escalations?failed=true', headers: s.auth('viewer') });
    expect(failed.json().items[0].deliveries[0]).toMatchObject({ channel: 'ops', state: 'dead', attempts: 1 });
    expect(failed.body).not.toContain('SECRET-PATH');
    expect(failed.body).not.toContain('whsec_never_printed');
    const sla = (await s.app.inject({ url: '/api/projects/TW/sla', headers: s.auth('viewer') })).json();
    expect(sla.items[0]).toMatchObject({ key: 'B001', level: 2 });
    const clock = (await s.app.inject({ url: '/api/projects/TW/issues/B001/escalation', headers: s.auth('viewer') })).json();
    expect(clock.clocks.map((c: { level: number; breached: boolean }) => [c.level, c.breached])).toEqual([[1, true], [2, true]]);
    expect((await s.app.inject({ method: 'POST', url: '/api/projects/TW/issues/B001/ack', headers: s.auth('viewer'), payload: {} })).statusCode).toBe(403);
    const ack = await s.app.inject({ method: 'POST', url: '/api/projects/TW/issues/B001/ack', headers: s.auth('member'), payload: { level: 1 } });
    expect(ack.statusCode).toBe(200);
    expect(ack.json().items[0]).toMatchObject({ level: 1, ackedBy: 'member-bot' });
    const again = await s.app.inject({ method: 'POST', url: '/api/projects/TW/issues/B001/ack', headers: s.auth('member'), payload: { level: 1 } });
    expect([again.statusCode, again.json().error]).toEqual([400, 'bad_input']);
    const bad = await s.app.inject({ method: 'POST', url: '/api/projects/TW/issues/B001/ack', headers: s.auth('member'), payload: { level: 'x' } });
    expect(bad.statusCode).toBe(400);
  });

  it('exports punchlist_sla_breaches and punchlist_escalations_total', async () => {
    const text = (await s.app.inject({ url: '/metrics' })).body;
    expect(text).toContain('punchlist_sla_breaches{project="TW",level="1"} 1');
    expect(text).toContain('punchlist_sla_breaches{project="TW",level="2"} 1');
    expect(text).toContain('punchlist_escalations_total{level="1",channel="ops",outcome="dead"} 1');
    expect(text).not.toContain('SECRET-PATH');
  });

  it('runs a sweep on demand: a dry run at any time writes nothing; a real one runs now, for members', async () => {
    const project = (await store.projects.get('TW'))!;
    await addIssue(store, project, { key: 'C001', title: 'new blocker', severity: 'critical' }, { actor: 'test' });
    const before = (await store.escalations.list(project.id)).length;
    const url = '/api/projects/TW/escalate';
    expect((await s.app.inject({ method: 'POST', url, headers: s.auth('viewer'), payload: { dryRun: true } })).statusCode).toBe(403);
    const later = new Date(Date.now() + 2 * 3_600_000).toISOString();
    const dry = await s.app.inject({ method: 'POST', url, headers: s.auth('member'), payload: { dryRun: true, at: later } });
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, deliveries: [] });
    expect(dry.json().escalated.filter((e: { issue: string }) => e.issue === 'C001').map((e: { level: number; fired: boolean }) => [e.level, e.fired])).toEqual([[1, true]]);
    expect((await store.escalations.list(project.id)).length).toBe(before);
    const future = await s.app.inject({ method: 'POST', url, headers: s.auth('member'), payload: { at: later } });
    expect([future.statusCode, future.json().error]).toEqual([400, 'bad_input']);
    expect(future.json().message).toMatch(/dry run only/);
    const typo = await s.app.inject({ method: 'POST', url, headers: s.auth('member'), payload: { dryrun: true } });
    expect(typo.statusCode).toBe(400);
    const real = await s.app.inject({ method: 'POST', url, headers: s.auth('member'), payload: {} });
    expect(real.statusCode).toBe(200);
    // C001 is an hour from its first level: looked at, scheduled, nothing fired yet.
    expect(real.json()).toMatchObject({ dryRun: false, escalated: [] });
    expect(real.json().examined).toBeGreaterThanOrEqual(1);
    expect((await store.escalations.list(project.id)).length).toBe(before);
    expect(real.body).not.toContain('SECRET-PATH');
    // The standup lists today's escalations (the scheduler's first sweep fired B001's levels).
    const standup = (await s.app.inject({ url: '/api/projects/TW/standup', headers: s.auth('viewer') })).json();
    expect(standup.escalations.swept).toBe(true);
    expect(standup.escalations.breaches.map((e: { issue: string; level: number }) => [e.issue, e.level])).toEqual([['B001', 1], ['B001', 2]]);
  });
});

const pgFactory = postgresFactory();

describe.runIf(pgFactory !== null)('two serve replicas on one PostgreSQL', () => {
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const c of children) c.kill('SIGTERM');
  });

  it('sweep at the same moment and fire each escalation exactly once', async () => {
    const store = await pgFactory!.open();
    const url = pgFactory!.lastLocation();
    const issues = Array.from({ length: 200 }, (_, i) => buildIssue({ key: `B${i}`, severity: 'critical', createdAt: '2020-01-06T09:00:00.000Z' }));
    await applyDocument(store, buildDocument({ issues }), { actor: 'test' });
    await store.close();
    const dir = mkdtempSync(join(tmpdir(), 'punchlist-replicas-'));
    writeFileSync(join(dir, 'punchlist.yaml'), 'escalation:\n  levels:\n    - { level: 1, after: 1h }\n    - { level: 2, after: 1d }\n');
    const logs = ['', ''];
    for (const i of [0, 1]) {
      const child = spawn(process.execPath, [BIN, '--db', url, 'serve', '--port', '0', '--log-level', 'info'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.on('data', (d: Buffer) => (logs[i] += d.toString()));
      child.stderr.on('data', (d: Buffer) => (logs[i] += d.toString()));
      children.push(child);
    }
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const deadline = Date.now() + 60_000;
      let count = 0;
      while (Date.now() < deadline) {
        count = Number((await client.query('select count(*) as n from escalations')).rows[0].n);
        if (count >= 400 && logs.every((l) => l.includes('serving'))) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      await new Promise((r) => setTimeout(r, 2_000)); // both replicas' first sweeps are over
      expect(count).toBe(400);
      const { rows } = await client.query(
        "select count(*) as n, count(distinct (entity_key, data::json->>'level')) as d from events where action = 'escalation.fired'",
      );
      expect([Number(rows[0].n), Number(rows[0].d)]).toEqual([400, 400]);
      const jobs = await client.query("select count(*) as n from pgboss.schedule where name = 'punchlist-escalation-sweep'");
      expect(Number(jobs.rows[0].n)).toBe(1);
    } finally {
      await client.end();
    }
  }, 120_000);
});
