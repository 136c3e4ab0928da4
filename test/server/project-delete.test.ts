// Project delete, on both stores: `DELETE /api/projects/:key` (admin, If-Match) and
// `punchlist project delete KEY --yes` remove every row of the project in one transaction and
// leave every other row as it was; the deletion is in the account log with its actor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/domain/ports.js';
import { runCli } from '../support/cli.js';
import { dumpStoreTables as dumpTables, type TableDump } from '../support/dump-tables.js';
import { storeFactories } from '../support/stores.js';
import { buildTwoProjects } from '../support/two-projects.js';
import { startServer, subscribe, type TestServer } from './helpers.js';

/** The rows of `dump` that belong to project `id`: its own row, rows with its project_id, and their children. */
function rowsOf(store: Store, dump: TableDump, id: number): Promise<Record<string, Set<number>>> {
  return (async () => {
    const out: Record<string, Set<number>> = {};
    const tables = await store.backup.tables(); // parents first
    const owned = new Map<string, Set<unknown>>(); // table → ids of its rows that belong to the project
    for (const table of tables) {
      const names = table.columns.map((c) => c.name);
      const idAt = names.indexOf('id');
      const rows = dump[table.name] ?? [];
      const mine = new Set<number>();
      rows.forEach((row, i) => {
        if (table.name === 'projects') {
          if (row[idAt] === id) mine.add(i);
          return;
        }
        const pAt = names.indexOf('project_id');
        if (pAt >= 0 && row[pAt] === id) mine.add(i);
        // A child without project_id (comments, delivery attempts) belongs through its parent.
        for (const parent of table.references) {
          const fk = names.indexOf(`${parent === 'escalation_deliveries' ? 'delivery' : parent.replace(/s$/, '')}_id`);
          if (fk >= 0 && owned.get(parent)?.has(row[fk])) mine.add(i);
        }
      });
      owned.set(table.name, new Set([...mine].map((i) => rows[i]![idAt])));
      out[table.name] = mine;
    }
    return out;
  })();
}

describe.each(storeFactories())('project delete on $name', (factory) => {
  let store: Store;
  let s: TestServer;
  let before: TableDump;
  let tb: number;
  let base: string;
  beforeAll(async () => {
    store = await factory.open();
    await buildTwoProjects(factory.lastLocation());
    s = await startServer(store);
    base = await s.app.listen({ port: 0, host: '127.0.0.1' });
    tb = (await store.projects.get('TB'))!.id;
    before = await dumpTables(store);
  }, 120_000);
  afterAll(async () => {
    await s?.close();
    await store?.close();
  });

  it('refuses a member, a missing If-Match, a stale version and an unknown project, changing nothing', async () => {
    const version = (await store.projects.get('TB'))!.version;
    const member = await s.app.inject({ method: 'DELETE', url: '/api/projects/TB', headers: { ...s.auth('member'), 'if-match': `"${version}"` } });
    expect(member.statusCode).toBe(403);
    const bare = await s.app.inject({ method: 'DELETE', url: '/api/projects/TB', headers: s.auth('admin') });
    expect(bare.statusCode).toBe(428);
    expect(bare.json()).toMatchObject({ ok: false, error: 'version_required' });
    const stale = await s.app.inject({ method: 'DELETE', url: '/api/projects/TB', headers: { ...s.auth('admin'), 'if-match': `"${version + 7}"` } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ ok: false, error: 'conflict', current: { key: 'TB', version } });
    const unknown = await s.app.inject({ method: 'DELETE', url: '/api/projects/NOPE', headers: { ...s.auth('admin'), 'if-match': '"1"' } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ ok: false, error: 'not_found' });
    expect(await dumpTables(store)).toEqual(before);
  });

  it('deletes every row of the project and nothing else, logs who did it and tells live clients', async () => {
    const owned = await rowsOf(store, before, tb);
    // The store is worth the test: TB has rows in the tables people fill.
    for (const table of ['projects', 'issues', 'comments', 'events', 'findings', 'runs', 'metrics', 'check_items', 'checklists', 'phases', 'snapshots', 'document_sources', 'ingest_states']) {
      expect(owned[table]!.size, table).toBeGreaterThan(0);
    }
    const live = subscribe(`${base}/api/projects/TB/events`, s.tokens.viewer);
    await live.ready;
    const version = (await store.projects.get('TB'))!.version;
    const res = await s.app.inject({ method: 'DELETE', url: '/api/projects/TB', headers: { ...s.auth('admin'), 'if-match': `"${version}"` } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ deleted: { key: 'TB', name: expect.any(String), issues: expect.any(Number) } });

    const after = await dumpTables(store);
    for (const [table, rows] of Object.entries(before)) {
      if (table === 'account_events') continue;
      const kept = rows.filter((_, i) => !owned[table]!.has(i));
      expect(after[table], table).toEqual(kept);
    }
    const log = await store.accounts.listEvents(1);
    expect(log[0]).toMatchObject({ action: 'project.deleted', actor: 'admin-bot', subject: 'TB', data: { issues: res.json().deleted.issues } });
    expect(after.account_events).toHaveLength(before.account_events!.length + 1);

    // The other project still reads and searches as before.
    const list = await s.app.inject({ method: 'GET', url: '/api/projects/RM/issues?q=deploy', headers: s.auth('viewer') });
    expect(list.json().items.map((i: { key: string }) => i.key)).toEqual(['RM-1']);
    expect((await s.app.inject({ method: 'GET', url: '/api/projects/TB', headers: s.auth('viewer') })).statusCode).toBe(404);
    await expect.poll(() => live.events.map((e) => e.type)).toContain('project.deleted');
    live.close();
  });

  it('CLI: refuses without --yes (exit 2, nothing deleted), then deletes with it', async () => {
    const db = factory.lastLocation();
    const before2 = await dumpTables(store);
    const refused = await runCli(['--db', db, '--as', 'ops', 'project', 'delete', 'RM']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--yes/);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(await dumpTables(store)).toEqual(before2);
    const unknown = await runCli(['--db', db, 'project', 'delete', 'NOPE', '--yes']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no project "NOPE"/);
    const done = await runCli(['--db', db, '--as', 'ops', '--json', 'project', 'delete', 'RM', '--yes']);
    expect(done.code, done.stderr).toBe(0);
    expect(done.json()).toMatchObject({ ok: true, deleted: { key: 'RM', issues: 1 } });
    expect(await store.projects.list()).toEqual([expect.objectContaining({ key: 'TW' })]);
    expect((await store.accounts.listEvents(1))[0]).toMatchObject({ action: 'project.deleted', actor: 'ops', subject: 'RM' });
    const left = await dumpTables(store);
    const tw = (await store.projects.get('TW'))!.id;
    for (const table of await store.backup.tables()) {
      const at = table.columns.findIndex((c) => c.name === 'project_id');
      if (at >= 0) for (const row of left[table.name]!) expect(row[at], table.name).toBe(tw);
    }
  });
});
