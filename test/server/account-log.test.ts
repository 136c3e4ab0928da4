// The account log: adding, changing and removing a user, creating and revoking a token are
// each recorded with the authenticated actor, through the API (both stores) and the CLI, and
// read back newest first by an admin only. Passwords and token secrets never appear in it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountEvent } from '../../src/domain/accounts-port.js';
import type { Store } from '../../src/domain/ports.js';
import { runCli } from '../support/cli.js';
import { sqliteFactory, storeFactories } from '../support/stores.js';
import { startServer, type TestServer } from './helpers.js';

describe.each(storeFactories())('the account log on $name', (factory) => {
  let store: Store;
  let s: TestServer;
  beforeAll(async () => {
    store = await factory.open();
    s = await startServer(store);
  });
  afterAll(async () => {
    await s.close();
    await store.close();
  });

  it('records who changed which account or token, and only an admin reads it', async () => {
    const admin = s.auth('admin');
    expect((await s.app.inject({ method: 'POST', url: '/api/users', headers: admin, payload: { name: 'gus', role: 'viewer', password: 'a long enough secret' } })).statusCode).toBe(201);
    expect((await s.app.inject({ method: 'PATCH', url: '/api/users/gus', headers: { ...admin, 'if-match': '"1"' }, payload: { role: 'member', password: 'another long secret' } })).statusCode).toBe(200);
    const token = (await s.app.inject({ method: 'POST', url: '/api/tokens', headers: admin, payload: { name: 'deploy', role: 'member' } })).json<{ id: number; token: string }>();
    expect((await s.app.inject({ method: 'DELETE', url: `/api/tokens/${token.id}`, headers: admin })).statusCode).toBe(200);
    expect((await s.app.inject({ method: 'DELETE', url: '/api/users/gus', headers: admin })).statusCode).toBe(204);

    const res = await s.app.inject({ url: '/api/account-events?limit=5', headers: admin });
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: AccountEvent[] }>().items;
    expect(items.map((e) => [e.actor, e.action, e.subject])).toEqual([
      ['admin-bot', 'user.removed', 'gus'],
      ['admin-bot', 'token.revoked', `token:${token.id}`],
      ['admin-bot', 'token.created', `token:${token.id}`],
      ['admin-bot', 'user.changed', 'gus'],
      ['admin-bot', 'user.added', 'gus'],
    ]);
    expect(items[3]!.data).toEqual({ role: { before: 'viewer', after: 'member' }, password: 'changed' });
    expect(JSON.stringify(items)).not.toMatch(/long enough secret|another long secret/);
    expect(JSON.stringify(items)).not.toContain(token.token);

    expect((await s.app.inject({ url: '/api/account-events', headers: s.auth('member') })).statusCode).toBe(403);
    expect((await s.app.inject({ url: '/api/account-events?limit=0', headers: admin })).json()).toMatchObject({ ok: false, error: 'bad_input' });
    expect((await s.app.inject({ url: '/api/account-events?limit=abc', headers: admin })).statusCode).toBe(400);
  });
});

describe('the account log from the CLI', () => {
  it('names the CLI actor and lists the changes, newest first', async () => {
    const factory = sqliteFactory();
    const store = await factory.open();
    await store.close();
    const db = factory.lastLocation();
    expect((await runCli(['--db', db, '--as', 'ops-lead', 'user', 'add', 'hal', '--role', 'viewer'])).code).toBe(0);
    expect((await runCli(['--db', db, '--as', 'ops-lead', 'user', 'role', 'hal', '--role', 'admin'])).code).toBe(0);
    const token = (await runCli(['--db', db, '--as', 'ops-lead', '--json', 'token', 'create', '--name', 'ci', '--role', 'viewer'])).json<{ id: number }>();
    expect((await runCli(['--db', db, '--as', 'ops-lead', 'token', 'revoke', String(token.id)])).code).toBe(0);
    const log = await runCli(['--db', db, '--json', 'user', 'log']);
    expect(log.code).toBe(0);
    expect(log.json<AccountEvent[]>().map((e) => `${e.actor} ${e.action} ${e.subject}`)).toEqual([
      `ops-lead token.revoked token:${token.id}`,
      `ops-lead token.created token:${token.id}`,
      'ops-lead user.changed hal',
      'ops-lead user.added hal',
    ]);
    const text = await runCli(['--db', db, 'user', 'log', '--limit', '1']);
    expect(text.stdout).toContain('token.revoked');
    expect(text.stdout).not.toContain('user.added');
    const bad = await runCli(['--db', db, 'user', 'log', '--limit', 'lots']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});
