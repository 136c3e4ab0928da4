// The list's page cache (server/page-cache.ts) never answers older than the store: a page asked
// again is the same bytes only while no write committed — through the API, through another
// connection (the CLI, in its own process or in this one) or not at all (a rolled-back write).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/domain/ports.js';
import { runCli } from '../support/cli.js';
import { storeFactories } from '../support/stores.js';
import { startServer, type TestServer } from './helpers.js';

describe.each(storeFactories())('issue list page cache on $name', (factory) => {
  let store: Store;
  let s: TestServer;
  let location: string;
  beforeAll(async () => {
    store = await factory.open();
    location = factory.lastLocation();
    s = await startServer(store);
    for (const title of ['Payments time out', 'Invoice totals off']) {
      await s.app.inject({ method: 'POST', url: '/api/projects/TW/issues', headers: s.auth('member'), payload: { title, severity: 'major' } });
    }
  });
  afterAll(async () => {
    await s.close();
    await store.close();
  });

  const URL = '/api/projects/TW/issues?severity=major,critical&limit=50';
  const list = async () => {
    const res = await s.app.inject({ url: URL, headers: s.auth('viewer') });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    return res.json<{ items: { key: string; title: string; version: number }[] }>().items;
  };

  it('answers a repeated page alike while nothing changed', async () => {
    const first = await s.app.inject({ url: URL, headers: s.auth('viewer') });
    const again = await s.app.inject({ url: URL, headers: s.auth('viewer') });
    expect(again.body).toBe(first.body);
    // On SQLite the mark is the file's own; on PostgreSQL it is the server's snapshot, which any
    // other database on the same server (the parallel test files) moves, so it is only checked here.
    if (factory.name === 'sqlite') expect(await store.changeMark()).toBe(await store.changeMark());
  });

  it('shows a change made through the API at once', async () => {
    await list();
    const res = await s.app.inject({ method: 'PATCH', url: '/api/projects/TW/issues/TW-1', headers: s.auth('member'), payload: { title: 'Payments time out at noon', version: 1 } });
    expect(res.statusCode).toBe(200);
    expect((await list()).find((i) => i.key === 'TW-1')?.title).toBe('Payments time out at noon');
  });

  it('shows changes made by the CLI on its own connection', async () => {
    await list();
    const added = await runCli(['--db', location, '--as', 'cli-user', '--project', 'TW', '--json', 'issue', 'add', 'Refund webhook drops events', '--severity', 'critical']);
    expect(added.code).toBe(0);
    const key = added.json<{ key: string }>().key;
    expect((await list()).map((i) => i.key)).toContain(key);
    expect((await runCli(['--db', location, '--as', 'cli-user', '--project', 'TW', 'issue', 'update', key, '--title', 'Refund webhook drops some events'])).code).toBe(0);
    expect((await list()).find((i) => i.key === key)?.title).toBe('Refund webhook drops some events');
  });

  it('never keeps what a rolled-back write showed', async () => {
    const before = await list();
    const project = (await store.projects.get('TW'))!;
    const issue = (await store.issues.get(project.id, 'TW-2'))!;
    await expect(
      store.write(async (tx) => {
        await tx.issues.update(issue.id, { title: 'Never committed' }, issue.version);
        await list(); // on SQLite this read shares the writing connection and sees the open write
        throw new Error('abandon');
      }),
    ).rejects.toThrow('abandon');
    expect(await list()).toEqual(before);
  });
});
