// The list's page cache (server/page-cache.ts) never answers older than the store: a page asked
// again is the same bytes only while no write committed — through the API, through another
// connection (the CLI, in its own process or in this one) or not at all (a rolled-back write).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/domain/ports.js';
import { openPostgresStore } from '../../src/store/postgres.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
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
  /** A second connection to the same store, as another process would have. */
  const reopen = () => (factory.name === 'sqlite' ? openSqliteStore(location) : openPostgresStore(location, { poolSize: 2 }));
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
    // The mark is the store's own: on PostgreSQL the other databases of the server (the test
    // files running alongside) write all the time and do not move it.
    expect(await store.changeMark()).toBe(await store.changeMark());
  });

  it('keeps its mark while another database on the same server is written', async () => {
    const other = await factory.open(); // SQLite: another file
    try {
      const before = await store.changeMark();
      await other.projects.insert({ key: 'XX', name: 'Elsewhere', title: null, owner: null, date: null, status: null, summary: null });
      await other.write(async (tx) => {
        const p = (await tx.projects.get('XX'))!;
        await tx.issues.insert(p.id, { key: 'XX-1', title: 'Elsewhere', severity: 'minor' });
      });
      expect(await store.changeMark()).toBe(before);
    } finally {
      await other.close();
    }
  });

  it('shows a write that was open on another connection when the page was kept', async () => {
    const second = await reopen();
    try {
      // Let the viewer token's last-use write (once a minute) land first: it too moves the mark.
      await list();
      for (let mark = ''; mark !== (mark = await store.changeMark()); ) await new Promise((r) => setTimeout(r, 100));
      const project = (await second.projects.get('TW'))!;
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let started!: () => void;
      const open = new Promise<void>((r) => (started = r));
      const writing = second.write(async (tx) => {
        const issue = (await tx.issues.get(project.id, 'TW-2'))!;
        await tx.issues.update(issue.id, { title: 'Committed later' }, issue.version);
        started();
        await held;
      });
      await open;
      // Read (and kept) while the write is open: the old title.
      expect((await list()).find((i) => i.key === 'TW-2')?.title).not.toBe('Committed later');
      release();
      await writing;
      expect((await list()).find((i) => i.key === 'TW-2')?.title).toBe('Committed later');
    } finally {
      await second.close();
    }
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
