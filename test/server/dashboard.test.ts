// The dashboard's summary reads on both stores: the overview's tiers in one request (counts from
// a grouped count, only the first rows listed), team load summed over every open issue (not a
// first page of them), and the ingest runs a page at a time by cursor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/domain/ports.js';
import { storeFactories } from '../support/stores.js';
import { startServer, type TestServer } from './helpers.js';

const SEVERITIES = ['critical', 'major', 'medium', 'minor'] as const;
const STATUSES = ['backlog', 'planned', 'in_progress', 'blocked', 'resolved', 'wont_fix'] as const;
const N = 1_300;

// Data Team owns every third issue (about 433, of which the open ones are well over a page of
// the old 500-row read once "data team" spelled differently is counted too).
const issues = Array.from({ length: N }, (_, i) => ({
  key: `L${i + 1}`,
  title: `Load issue ${i + 1}`,
  severity: SEVERITIES[i % 4],
  status: STATUSES[i % 6],
  owner: i % 3 === 0 ? 'Data Team' : i % 3 === 1 ? 'data team' : 'Web Team',
  estimateMinutes: i % 10 === 0 ? null : 60,
}));

describe.each(storeFactories())('dashboard reads on $name', (factory) => {
  let store: Store;
  let s: TestServer;
  beforeAll(async () => {
    store = await factory.open();
    s = await startServer(store);
    const doc = {
      version: 1,
      project: { key: 'LD', name: 'Load' },
      teams: [
        { name: 'Data Team', capacityHours: 40 },
        { name: 'Web Team', capacityHours: null },
        { name: 'Idle Team', capacityHours: 10 },
      ],
      issues,
    };
    const res = await s.app.inject({ method: 'POST', url: '/api/import', headers: s.auth('admin'), payload: doc });
    expect(res.statusCode).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await s.close();
    await store.close();
  });

  const get = (url: string) => s.app.inject({ url, headers: s.auth('viewer') });
  const open = (i: (typeof issues)[number]) => i.status !== 'resolved' && i.status !== 'wont_fix';

  it('answers the overview in one request: counts of every tier, only the first open issues listed', async () => {
    const res = await get('/api/projects/LD/overview?rows=5');
    expect(res.statusCode).toBe(200);
    const { tiers } = res.json<{ tiers: { severity: string; open: number; byStatus: Record<string, number>; items: { key: string; status: string }[] }[] }>();
    expect(tiers.map((t) => t.severity)).toEqual([...SEVERITIES]);
    for (const tier of tiers) {
      const mine = issues.filter((i) => i.severity === tier.severity);
      expect(tier.open).toBe(mine.filter(open).length);
      for (const status of STATUSES) expect(tier.byStatus[status]).toBe(mine.filter((i) => i.status === status).length);
      expect(tier.items).toHaveLength(5);
      expect(tier.items.every((i) => i.status !== 'resolved' && i.status !== 'wont_fix')).toBe(true);
    }
    expect((await get('/api/projects/LD/overview?rows=500')).statusCode).toBe(400);
    expect((await get('/api/projects/NOPE/overview')).statusCode).toBe(404);
    expect((await s.app.inject({ url: '/api/projects/LD/overview' })).statusCode).toBe(401);
  });

  it("sums every open issue a team owns (owner matched as the issue filter does), against its capacity", async () => {
    const res = await get('/api/projects/LD/teams/load');
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: { team: string; capacityHours: number | null; openIssues: number; minutes: number; unestimated: number }[] }>().items;
    const data = issues.filter((i) => i.owner.toLowerCase() === 'data team' && open(i));
    expect(data.length).toBeGreaterThan(500);
    expect(items.find((t) => t.team === 'Data Team')).toEqual({
      team: 'Data Team',
      capacityHours: 40,
      openIssues: data.length,
      minutes: data.reduce((n, i) => n + (i.estimateMinutes ?? 0), 0),
      unestimated: data.filter((i) => i.estimateMinutes === null).length,
    });
    expect(items.find((t) => t.team === 'Idle Team')).toEqual({ team: 'Idle Team', capacityHours: 10, openIssues: 0, minutes: 0, unestimated: 0 });
    expect(items.find((t) => t.team === 'Web Team')?.openIssues).toBe(issues.filter((i) => i.owner === 'Web Team' && open(i)).length);
  });

  it('pages through every ingest run, newest first, by cursor', async () => {
    const project = (await store.projects.get('LD'))!;
    await store.write(async (tx) => {
      for (let n = 1; n <= 7; n++) {
        await tx.findings.insertRun(project.id, { tool: 'eslint', scope: `s${n}`, commit: n % 2 ? `c${n}` : null, at: `2026-11-2${n}T10:00:00.000Z`, actor: 'ci', stats: { findings: n, new: n, fixed: 0, reopened: 0, issuesCreated: 1, issuesResolved: 0, issuesReopened: 0 } });
      }
    });
    const seen: string[] = [];
    let cursor: number | null | undefined;
    for (let pages = 0; cursor !== null; pages++) {
      expect(pages).toBeLessThan(5);
      const res = await get(`/api/projects/LD/ingest/runs?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const page = res.json<{ items: { scope: string; findings: number; commit: string | null; issuesCreated: number }[]; nextCursor: number | null }>();
      seen.push(...page.items.map((r) => r.scope));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(['s7', 's6', 's5', 's4', 's3', 's2', 's1']);
    const first = (await get('/api/projects/LD/ingest/runs?limit=1')).json<{ items: unknown[] }>().items[0];
    expect(first).toMatchObject({ tool: 'eslint', scope: 's7', commit: 'c7', findings: 7, new: 7, issuesCreated: 1, actor: 'ci' });
    const bad = await get('/api/projects/LD/ingest/runs?cursor=abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ ok: false });
  });
});
