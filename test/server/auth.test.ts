// Accounts through the API and the CLI: password login with a cookie session and CSRF
// token, rate-limited login, tokens shown once / stored hashed / revocable / last use recorded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/domain/ports.js';
import { addUser, ensureFirstAdmin, sha256 } from '../../src/services/accounts.js';
import { runCli } from '../support/cli.js';
import { sqliteFactory } from '../support/stores.js';
import { startServer, type TestServer } from './helpers.js';

describe('accounts, sessions and tokens', () => {
  const factory = sqliteFactory();
  let store: Store;
  let s: TestServer;
  beforeAll(async () => {
    store = await factory.open();
    s = await startServer(store);
    await addUser(store, { name: 'ann', role: 'member', password: 'correct horse battery' });
  });
  afterAll(async () => {
    await s.close();
    await store.close();
  });

  const login = (name: string, password: string) => s.app.inject({ method: 'POST', url: '/api/auth/login', payload: { name, password }, remoteAddress: `10.0.0.${name.length}` });

  it('logs in with a password: cookie session, CSRF token required on writes', async () => {
    const res = await login('ann', 'correct horse battery');
    expect(res.statusCode).toBe(200);
    const { csrfToken } = res.json<{ csrfToken: string }>();
    const cookies = Object.fromEntries(res.cookies.map((c) => [c.name, c]));
    expect(cookies.pl_session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(cookies.pl_csrf!.value).toBe(csrfToken);
    const cookie = `pl_session=${cookies.pl_session!.value}`;
    expect((await s.app.inject({ url: '/api/auth/me', headers: { cookie } })).json()).toEqual({ name: 'ann', role: 'member', via: 'session' });
    const payload = { title: 'From the browser', severity: 'minor' };
    const without = await s.app.inject({ method: 'POST', url: '/api/projects/TW/issues', headers: { cookie }, payload });
    expect(without.statusCode).toBe(403);
    expect(without.json().message).toMatch(/csrf/);
    const wrong = await s.app.inject({ method: 'POST', url: '/api/projects/TW/issues', headers: { cookie, 'x-csrf-token': 'guess' }, payload });
    expect(wrong.statusCode).toBe(403);
    const ok = await s.app.inject({ method: 'POST', url: '/api/projects/TW/issues', headers: { cookie, 'x-csrf-token': csrfToken }, payload });
    expect(ok.statusCode).toBe(201);
    const history = (await s.app.inject({ url: `/api/projects/TW/issues/${ok.json().key}/history`, headers: s.auth('viewer') })).json<{ items: { actor: string }[] }>();
    expect(history.items[0]!.actor).toBe('ann');
    expect((await s.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, 'x-csrf-token': csrfToken } })).statusCode).toBe(204);
    expect((await s.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('refuses a wrong password the same way as an unknown name, and rate-limits attempts', async () => {
    const wrong = await login('bob', 'nope');
    const unknown = await login('bob', 'nope nope');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) codes.push((await login('bob', 'again')).statusCode);
    expect(codes).toContain(429);
    expect((await login('bob', 'again')).json()).toMatchObject({ ok: false, error: 'rate_limited' });
  });

  it('creates tokens shown once and stored hashed, records last use, and revokes them at once', async () => {
    const created = await s.app.inject({ method: 'POST', url: '/api/tokens', headers: s.auth('admin'), payload: { name: 'ci', role: 'member' } });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json<{ id: number; token: string }>();
    expect(await store.accounts.findToken(sha256(token))).toMatchObject({ id, name: 'ci' });
    const listed = (await s.app.inject({ url: '/api/tokens', headers: s.auth('admin') })).json<{ items: Record<string, unknown>[] }>();
    expect(JSON.stringify(listed)).not.toContain(token);
    const headers = { authorization: `Bearer ${token}` };
    expect((await s.app.inject({ url: '/api/auth/me', headers })).json()).toMatchObject({ name: 'ci', role: 'member' });
    await expect.poll(async () => (await store.accounts.listTokens()).find((t) => t.id === id)?.lastUsedAt).not.toBeNull();
    expect((await s.app.inject({ method: 'DELETE', url: `/api/tokens/${id}`, headers: s.auth('admin') })).json()).toMatchObject({ revokedAt: expect.any(String) });
    expect((await s.app.inject({ url: '/api/auth/me', headers })).statusCode).toBe(401);
  });

  it('manages users through the API (admin only), with versions', async () => {
    const added = await s.app.inject({ method: 'POST', url: '/api/users', headers: s.auth('admin'), payload: { name: 'cy', role: 'viewer' } });
    expect(added.statusCode).toBe(201);
    expect(added.json().password).toMatch(/^.{40,}$/);
    expect((await s.app.inject({ method: 'POST', url: '/api/users', headers: s.auth('member'), payload: { name: 'dee', role: 'admin' } })).statusCode).toBe(403);
    const promoted = await s.app.inject({ method: 'PATCH', url: '/api/users/cy', headers: { ...s.auth('admin'), 'if-match': '"1"' }, payload: { role: 'member' } });
    expect(promoted.json()).toMatchObject({ role: 'member', version: 2 });
    const stale = await s.app.inject({ method: 'PATCH', url: '/api/users/cy', headers: s.auth('admin'), payload: { role: 'admin', version: 1 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toMatchObject({ role: 'member' });
    expect(JSON.stringify((await s.app.inject({ url: '/api/users', headers: s.auth('admin') })).json())).not.toMatch(/argon|password/i);
  });

  it('creates the first admin once, and the CLI adds users and tokens', async () => {
    const empty = await sqliteFactory().open();
    const first = await ensureFirstAdmin(empty);
    expect(first).toMatchObject({ name: 'admin' });
    expect(await ensureFirstAdmin(empty)).toBeNull();
    await empty.close();
    const db = factory.lastLocation();
    const user = await runCli(['--db', db, '--json', 'user', 'add', 'eve', '--role', 'viewer']);
    expect(user.code).toBe(0);
    expect(user.json()).toMatchObject({ name: 'eve', role: 'viewer', password: expect.any(String) });
    expect((await runCli(['--db', db, 'user', 'add', 'eve', '--role', 'viewer'])).stderr).toBe('punchlist: user: "eve" already exists\n');
    expect((await runCli(['--db', db, 'user', 'add', 'fay', '--role', 'boss'])).code).toBe(2);
    const token = await runCli(['--db', db, '--json', 'token', 'create', '--name', 'deploy', '--role', 'admin']);
    const { id, token: secret } = token.json<{ id: number; token: string }>();
    expect(secret).toMatch(/^pl_/);
    expect((await runCli(['--db', db, 'token', 'list'])).stdout).not.toContain(secret);
    expect((await runCli(['--db', db, 'token', 'revoke', String(id)])).code).toBe(0);
    expect((await runCli(['--db', db, 'token', 'revoke', String(id)])).code).toBe(2);
  });
});
