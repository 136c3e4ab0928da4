// Every CLI capability through the API, on both stores: import, checklists, gates, sign-offs,
// KPIs, the plan's sections, standup, forecast, reports, export and ingest uploads.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/domain/ports.js';
import { ROOT } from '../support/paths.js';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { storeFactories } from '../support/stores.js';
import { startServer, type TestServer } from './helpers.js';

const audit = readFileSync(new URL('../../examples/audit.md', import.meta.url), 'utf8');

describe.each(storeFactories())('project resources on $name', (factory) => {
  let store: Store;
  let s: TestServer;
  let P: string;
  beforeAll(async () => {
    store = await factory.open();
    s = await startServer(store, { storeLocation: factory.lastLocation() });
    const dry = await s.app.inject({ method: 'POST', url: '/api/import?dryRun=true', headers: { ...s.auth('admin'), 'content-type': 'text/markdown' }, payload: audit });
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, projectCreated: true });
    const res = await s.app.inject({ method: 'POST', url: '/api/import', headers: { ...s.auth('admin'), 'content-type': 'text/markdown' }, payload: audit });
    expect(res.statusCode).toBe(200);
    P = res.json<{ project: { key: string } }>().project.key;
    expect(res.json()).toMatchObject({ dryRun: false, created: expect.arrayContaining(['B001']) });
  });
  afterAll(async () => {
    await s.close();
    await store.close();
  });

  const get = (url: string, role: 'viewer' | 'member' | 'admin' = 'viewer') => s.app.inject({ url, headers: s.auth(role) });
  const post = (url: string, payload?: object, role: 'viewer' | 'member' | 'admin' = 'member') =>
    s.app.inject({ method: 'POST', url, headers: s.auth(role), ...(payload ? { payload } : {}) });

  it('refuses an import from a member, and a broken JSON document with one line', async () => {
    expect((await s.app.inject({ method: 'POST', url: '/api/import', headers: { ...s.auth('member'), 'content-type': 'text/markdown' }, payload: audit })).statusCode).toBe(403);
    const bad = await s.app.inject({ method: 'POST', url: '/api/import', headers: s.auth('admin'), payload: { version: 1, project: { key: 'x y' } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/^document\.project/);
  });

  it('lists checklists with live status, ticks and unticks items, and evaluates gates', async () => {
    const lists = (await get(`/api/projects/${P}/checklists`)).json<{ items: { key: string; items: { rule: string | null }[] }[] }>();
    const manual = lists.items.find((l) => l.key === 'manual-checks')!;
    expect(manual.items.every((i) => i.rule === null)).toBe(true);
    const ticked = await post(`/api/projects/${P}/checklists/manual-checks/items/1/tick`);
    expect(ticked.json()).toMatchObject({ list: 'manual-checks', index: 1, done: true, changed: true });
    expect((await post(`/api/projects/${P}/checklists/manual-checks/items/1/tick`, undefined, 'viewer')).statusCode).toBe(403);
    const one = (await get(`/api/projects/${P}/checklists/manual-checks`)).json<{ items: { status: string }[] }>();
    expect(one.items[0]!.status).toBe('pass');
    expect((await post(`/api/projects/${P}/checklists/manual-checks/items/1/untick`)).json()).toMatchObject({ done: false, changed: true });
    const gate = (await get(`/api/projects/${P}/gates/definition-of-done`)).json();
    expect(gate).toMatchObject({ key: 'definition-of-done', passed: false });
    expect((await get(`/api/projects/${P}/gates`)).json<{ items: unknown[] }>().items.length).toBe(lists.items.length);
    expect((await get(`/api/projects/${P}/gates/nope`)).statusCode).toBe(404);
    const rule = (await post(`/api/projects/${P}/rules/eval`, { rule: 'issues.open(["critical"]) == 0' }, 'viewer')).json();
    expect(rule).toMatchObject({ status: 'fail' });
    expect((await post(`/api/projects/${P}/rules/eval`, { rule: 'issues.open(' }, 'viewer')).statusCode).toBe(400);
  });

  it('signs off items in a verifiable chain', async () => {
    const signed = await post(`/api/projects/${P}/checklists/staging-sign-off/items/1/approve`);
    expect(signed.statusCode).toBe(201);
    expect(signed.json()).toMatchObject({ checklist: 'staging-sign-off', actor: 'member-bot' });
    expect((await get(`/api/projects/${P}/signoffs`)).json<{ items: unknown[] }>().items).toHaveLength(1);
    expect((await get(`/api/projects/${P}/signoffs/verify`)).json()).toMatchObject({ ok: true, signoffs: 1 });
  });

  it('records KPI values and reads their history', async () => {
    const recorded = await post(`/api/projects/${P}/kpis/ci_success_rate/values`, { value: '97%', at: '2026-11-20' });
    expect(recorded.statusCode).toBe(201);
    expect(recorded.json()).toMatchObject({ key: 'ci_success_rate', value: 97, actor: 'member-bot' });
    expect((await post(`/api/projects/${P}/kpis/ci_success_rate/values`, { value: 'lots' })).statusCode).toBe(400);
    const history = (await get(`/api/projects/${P}/kpis/ci_success_rate/history`)).json<{ items: { value: number }[] }>();
    expect(history.items.map((v) => v.value)).toEqual([97]);
    expect((await get(`/api/projects/${P}/kpis`)).statusCode).toBe(200);
  });

  it('replaces risks only with the version read (409 with the current list otherwise)', async () => {
    const read = await get(`/api/projects/${P}/risks`);
    const { items, version } = read.json<{ items: { title: string }[]; version: string }>();
    expect(read.headers.etag).toBe(`"${version}"`);
    const next = [...items, { title: 'Vendor outage', category: 'business', mitigation: 'second provider', likelihood: null, impact: null, owner: null, status: 'open' }];
    const put = await s.app.inject({ method: 'PUT', url: `/api/projects/${P}/risks`, headers: { ...s.auth('admin'), 'if-match': `"${version}"` }, payload: { items: next } });
    expect(put.statusCode).toBe(200);
    const stale = await s.app.inject({ method: 'PUT', url: `/api/projects/${P}/risks`, headers: s.auth('admin'), payload: { items, version } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current.items).toHaveLength(next.length);
    expect((await s.app.inject({ method: 'PUT', url: `/api/projects/${P}/risks`, headers: s.auth('member'), payload: { items, version } })).statusCode).toBe(403);
    for (const path of ['phases', 'teams', 'escalation-levels', 'actions', 'notes']) expect((await get(`/api/projects/${P}/${path}`)).statusCode).toBe(200);
  });

  it('answers standup, forecast, snapshots and the log', async () => {
    expect((await get(`/api/projects/${P}/standup?date=2026-11-20`)).json()).toHaveProperty('tiers');
    expect((await get(`/api/projects/${P}/standup?date=yesterday`)).statusCode).toBe(400);
    expect((await get(`/api/projects/${P}/forecast`)).json()).toHaveProperty('items');
    expect((await post(`/api/projects/${P}/snapshots`)).statusCode).toBe(201);
    const log = (await get(`/api/projects/${P}/log?limit=1000`)).json<{ items: { action: string; actor: string }[] }>();
    expect(log.items.some((e) => e.action === 'check.ticked' && e.actor === 'member-bot')).toBe(true);
  });

  it('renders reports and exports the project', async () => {
    const md = await get(`/api/projects/${P}/reports/audit?format=md`);
    expect(md.headers['content-type']).toMatch(/^text\/markdown/);
    expect(md.body).toContain('B001');
    const html = await get(`/api/projects/${P}/reports/roadmap?format=html`);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.headers['x-content-type-options']).toBe('nosniff');
    expect((await get(`/api/projects/${P}/reports/standup?format=json`)).json()).toBeTypeOf('object');
    expect((await get(`/api/projects/${P}/reports/memo`)).statusCode).toBe(400);
    const doc = (await get(`/api/projects/${P}/export`)).json<{ version: number; issues: unknown[] }>();
    expect(doc.version).toBe(1);
    expect(doc.issues.length).toBeGreaterThan(0);
    expect((await get(`/api/projects/${P}/export?format=yaml`)).body).toMatch(/^version: 1/m);
    // The exported document imports back unchanged.
    const again = await s.app.inject({ method: 'POST', url: '/api/import', headers: s.auth('admin'), payload: doc });
    expect(again.json()).toMatchObject({ created: [], updated: [] });
  });

  it('streams a backup of the whole store that the CLI restores into an empty store', async () => {
    const res = await get('/api/backup', 'admin');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const lines = res.body.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ format: 'punchlist-backup' });
    expect((await get('/api/backup', 'member')).statusCode).toBe(403);
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'pl-restore-'));
    writeFileSync(join(dir, 'b.jsonl'), res.body);
    const restored = await runCli(['--db', join(dir, 'new.db'), '--json', 'restore', join(dir, 'b.jsonl')]);
    expect(restored.code).toBe(0);
    const list = await runCli(['--db', join(dir, 'new.db'), '--project', P, '--json', 'issue', 'list']);
    expect(list.json<unknown[]>().length).toBe((await store.issues.count((await store.projects.get(P))!.id)));
  });

  it('ingests uploaded tool output in a child process, then answers from the store', async () => {
    const boundary = 'punchlistboundary';
    const tsc = readFileSync(join(ROOT, 'test/fixtures/ingest/tsc-plain.txt'));
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="tool"\r\n\r\ntsc\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="tsc.txt"\r\nContent-Type: text/plain\r\n\r\n`),
      tsc,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await s.app.inject({ method: 'POST', url: `/api/projects/${P}/ingest`, headers: { ...s.auth('member'), 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
    expect(res.statusCode).toBe(200);
    const report = res.json<{ reports: { tool: string; issuesCreated: number }[] }>().reports[0]!;
    expect(report.tool).toBe('tsc');
    expect(report.issuesCreated).toBeGreaterThan(0);
    const log = (await get(`/api/projects/${P}/log?limit=1000`)).json<{ items: { actor: string; action: string }[] }>();
    expect(log.items.some((e) => e.actor === 'member-bot' && e.action.startsWith('issue.') && e.action !== 'issue.created')).toBeDefined();
    const bad = await s.app.inject({ method: 'POST', url: `/api/projects/${P}/ingest`, headers: { ...s.auth('member'), 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.sarif"\r\n\r\n{"runs": [` + `\r\n--${boundary}--\r\n` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ ok: false, error: 'bad_input' });
    const notMultipart = await post(`/api/projects/${P}/ingest`, { file: 'x' });
    expect(notMultipart.statusCode).toBe(400);
  });
});
