// Real servers on loopback: parallel clients racing on one issue (one write per version wins,
// the rest get 409 with the current issue), live events over SSE, and on PostgreSQL two
// replicas on one database — writes through both, the same reads from both, events from either.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/domain/ports.js';
import { buildApp } from '../../src/server/app.js';
import { type EventBus, localBus, postgresBus } from '../../src/server/live.js';
import type { App } from '../../src/server/types.js';
import { openPostgresStore } from '../../src/store/postgres.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { storeFactories } from '../support/stores.js';
import { startServer, subscribe, type TestServer } from './helpers.js';

interface Replica {
  app: App;
  base: string;
  store: Store;
}

async function listen(app: App): Promise<string> {
  return app.listen({ port: 0, host: '127.0.0.1' });
}

async function call(base: string, method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Opens an SSE stream and collects its events until closed. */
const subscribeAt = (base: string, path: string, token: string) =>
  subscribe(`${base}${path}`, token, (res) => expect(res.headers['content-type']).toMatch(/^text\/event-stream/));

describe.each(storeFactories())('real servers on $name', (factory) => {
  let s: TestServer;
  let store: Store;
  const replicas: Replica[] = [];
  const buses: EventBus[] = [];

  beforeAll(async () => {
    store = await factory.open();
    s = await startServer(store);
    // Two replicas, each with its own connection to the same store, as two processes would.
    for (let i = 0; i < 2; i++) {
      const own = factory.name === 'postgres' ? await openPostgresStore(factory.lastLocation(), { poolSize: 8 }) : await openSqliteStore(factory.lastLocation());
      const bus = factory.name === 'postgres' ? await postgresBus(factory.lastLocation()) : i === 0 ? localBus() : buses[0]!;
      buses.push(bus);
      const app = await buildApp({ store: own, bus, webDir: null });
      replicas.push({ app, base: await listen(app), store: own });
    }
  });
  afterAll(async () => {
    for (const r of replicas) {
      await r.app.close();
      await r.store.close();
    }
    await s.close();
    await store.close();
  });

  it('lets exactly one of many parallel writers of the same version win; the rest get 409 with the issue', async () => {
    const [a, b] = replicas as [Replica, Replica];
    const created = await call(a.base, 'POST', '/api/projects/TW/issues', s.tokens.member, { title: 'Race', severity: 'major' });
    const key = String(created.body.key);
    const attempts = Array.from({ length: 16 }, (_, i) =>
      call(i % 2 ? a.base : b.base, 'PATCH', `/api/projects/TW/issues/${key}`, s.tokens.member, { owner: `writer-${i}` }, { 'if-match': '"1"' }),
    );
    const results = await Promise.all(attempts);
    const winners = results.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 200)) {
      expect(r.status).toBe(409);
      expect(r.body).toMatchObject({ ok: false, error: 'conflict', current: { key, version: 2 } });
    }
    const fromA = await call(a.base, 'GET', `/api/projects/TW/issues/${key}`, s.tokens.viewer);
    const fromB = await call(b.base, 'GET', `/api/projects/TW/issues/${key}`, s.tokens.viewer);
    expect(fromA.body).toMatchObject({ version: 2, owner: winners[0]!.body.owner });
    expect(fromB.body.owner).toBe(fromA.body.owner);
  });

  it('takes concurrent creates through both servers without losing one', async () => {
    const [a, b] = replicas as [Replica, Replica];
    const made = await Promise.all(Array.from({ length: 20 }, (_, i) => call(i % 2 ? a.base : b.base, 'POST', '/api/projects/TW/issues', s.tokens.member, { title: `Burst ${i}`, severity: 'minor', labels: ['burst'] })));
    expect(made.every((r) => r.status === 201)).toBe(true);
    expect(new Set(made.map((r) => r.body.key)).size).toBe(20);
    for (const r of replicas) expect((await call(r.base, 'GET', '/api/projects/TW/issues?label=burst&total=true&limit=1', s.tokens.viewer)).body.total).toBe(20);
  });

  it('delivers live events to a client of either server', async () => {
    const [a, b] = replicas as [Replica, Replica];
    const onB = subscribeAt(b.base, '/api/projects/TW/events', s.tokens.viewer);
    const onA = subscribeAt(a.base, '/api/projects/TW/events', s.tokens.viewer);
    await Promise.all([onA.ready, onB.ready]);
    const created = await call(a.base, 'POST', '/api/projects/TW/issues', s.tokens.member, { title: 'Live', severity: 'critical' });
    await call(b.base, 'POST', '/api/projects/TW/checklists/nope/items/1/tick', s.tokens.member);
    await expect.poll(() => onB.events.map((e) => e.type)).toContain('issue.changed');
    await expect.poll(() => onA.events.map((e) => e.type)).toContain('issue.changed');
    expect(onB.events.find((e) => e.type === 'issue.changed')!.data).toMatchObject({ project: 'TW', key: created.body.key, version: 1 });
    onA.close();
    onB.close();
    const refused = await fetch(`${a.base}/api/projects/TW/events`);
    expect(refused.status).toBe(401);
  });
});
