// /metrics, /healthz and /readyz on both stores: the remediation state from counts.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/domain/ports.js';
import { storeFactories } from '../support/stores.js';
import { startServer, type TestServer } from './helpers.js';

const audit = readFileSync(new URL('../../examples/audit.md', import.meta.url), 'utf8');

describe.each(storeFactories())('metrics and probes on $name', (factory) => {
  let store: Store;
  let s: TestServer;
  let P: string;
  beforeAll(async () => {
    store = await factory.open();
    s = await startServer(store);
    const res = await s.app.inject({ method: 'POST', url: '/api/import', headers: { ...s.auth('admin'), 'content-type': 'text/markdown' }, payload: audit });
    P = res.json<{ project: { key: string } }>().project.key;
    await s.app.inject({ method: 'POST', url: `/api/projects/${P}/kpis/ci_success_rate/values`, headers: s.auth('member'), payload: { value: 97 } });
  });
  afterAll(async () => {
    await s.close();
    await store.close();
  });

  it('exposes issues, open-issue ages, gates, check items, KPIs and HTTP metrics', async () => {
    const res = await s.app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const text = res.body;
    const open = (await store.issues.count((await store.projects.get(P))!.id, { open: true }));
    const series = (name: string) => text.split('\n').filter((l) => l.startsWith(`${name}{`));
    const sum = (lines: string[]) => lines.reduce((n, l) => n + Number(l.split(' ').pop()), 0);
    expect(sum(series('punchlist_issues').filter((l) => !/status="(resolved|wont_fix)"/.test(l)))).toBe(open);
    expect(series('punchlist_issues')[0]).toMatch(new RegExp(`^punchlist_issues\\{project="${P}",severity="\\w+",status="\\w+",phase="[^"]*"\\} \\d+$`));
    expect(sum(series('punchlist_open_issue_age_seconds_count'))).toBe(open);
    expect(text).toMatch(/punchlist_open_issue_age_seconds_bucket\{project="\w+",severity="\w+",le="\+Inf"\} \d+/);
    expect(text).toMatch(new RegExp(`punchlist_gate_passed\\{project="${P}",gate="definition-of-done"\\} 0`));
    expect(text).toMatch(/punchlist_check_items\{project="\w+",checklist="manual-checks",state="fail"\} 3/);
    expect(text).toMatch(/punchlist_kpi_value\{project="\w+",kpi="ci_success_rate"\} 97/);
    expect(text).toMatch(/punchlist_store_up 1/);
    expect(text).toMatch(/punchlist_http_request_duration_seconds_count\{method="POST",route="\/api\/import",status="200"\} 1/);
  });

  it('answers liveness and readiness', async () => {
    expect((await s.app.inject({ url: '/healthz' })).json()).toEqual({ ok: true });
    expect((await s.app.inject({ url: '/readyz' })).json()).toEqual({ ok: true, store: 'reachable', migrations: 'current' });
  });

  it('answers from the last state and refreshes it behind the scrape, so it follows every change', async () => {
    const fresh = await startServer(store, { metricsTtlMs: 0 });
    try {
      const project = (await store.projects.get(P))!;
      const openCount = (text: string) =>
        text.split('\n').filter((l) => l.startsWith(`punchlist_open_issue_age_seconds_count{project="${P}"`)).reduce((n, l) => n + Number(l.split(' ').pop()), 0);
      const scrape = async () => (await fresh.app.inject({ url: '/metrics' })).body;
      expect(openCount(await scrape())).toBe(await store.issues.count(project.id, { open: true })); // first scrape: read now
      const res = await fresh.app.inject({ method: 'POST', url: `/api/projects/${P}/issues`, headers: fresh.auth('member'), payload: { title: 'Fresh one', severity: 'critical' } });
      expect(res.statusCode).toBe(201);
      const expected = await store.issues.count(project.id, { open: true });
      let seen = -1;
      for (let i = 0; i < 100 && seen !== expected; i++) {
        seen = openCount(await scrape()); // at most one read behind
        if (seen !== expected) await new Promise((r) => setTimeout(r, 20));
      }
      expect(seen).toBe(expected);
      const text = await scrape();
      const tally = text.split('\n').filter((l) => l.startsWith(`punchlist_issues{project="${P}",severity="critical",status="backlog"`));
      const stored = (await store.issues.tally(project.id)).filter((t) => t.severity === 'critical' && t.status === 'backlog').reduce((n, t) => n + t.count, 0);
      expect(tally.reduce((n, l) => n + Number(l.split(' ').pop()), 0)).toBe(stored);
      expect(text).toMatch(/punchlist_state_collect_seconds \d/);
    } finally {
      await fresh.close();
    }
  });

  it('does not read the state again while the store has not changed', async () => {
    const fresh = await startServer(store, { metricsTtlMs: 0 });
    try {
      const collect = async () => {
        const text = (await fresh.app.inject({ url: '/metrics' })).body;
        await new Promise((r) => setTimeout(r, 30)); // the refresh behind the scrape
        return /^punchlist_state_collect_seconds (\S+)$/m.exec(text)?.[1];
      };
      await collect();
      const read = await collect(); // the duration of the last full read, a float
      expect(read).toBeDefined();
      for (let i = 0; i < 3; i++) expect(await collect()).toBe(read); // only the change mark was read
      const project = (await store.projects.get(P))!;
      await store.issues.insert(project.id, { key: 'NEW-1', title: 'Moves the mark', severity: 'minor' });
      let seen = read;
      for (let i = 0; i < 100 && seen === read; i++) seen = await collect();
      expect(seen).not.toBe(read);
    } finally {
      await fresh.close();
    }
  });
});
