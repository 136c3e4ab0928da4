import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/domain/ports.js';
import { storeFactories } from '../support/stores.js';
import { startServer, type TestServer } from './helpers.js';

describe.each(storeFactories())('issues API on $name', (factory) => {
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

  const create = (body: object, role: 'member' | 'viewer' | 'admin' = 'member') =>
    s.app.inject({ method: 'POST', url: '/api/projects/TW/issues', headers: s.auth(role), payload: body });

  it('creates, shows and lists issues, with the caller as the actor', async () => {
    const res = await create({ title: 'Payments time out', severity: 'critical', owner: 'Ann' });
    expect(res.statusCode).toBe(201);
    const issue = res.json();
    expect(issue).toMatchObject({ key: 'TW-1', severity: 'critical', status: 'backlog', version: 1 });
    expect(issue.id).toBeUndefined();
    expect(res.headers.etag).toBe('"1"');
    const shown = (await s.app.inject({ url: '/api/projects/TW/issues/TW-1', headers: s.auth('viewer') })).json();
    expect(shown.history[0]).toMatchObject({ actor: 'member-bot', action: 'issue.created' });
    const list = (await s.app.inject({ url: '/api/projects/TW/issues?severity=critical&total=true', headers: s.auth('viewer') })).json();
    expect(list).toMatchObject({ total: 1, nextCursor: null });
    expect(list.items.map((i: { key: string }) => i.key)).toEqual(['TW-1']);
  });

  it('pages through the register with a cursor in severity order', async () => {
    for (const [i, severity] of ['minor', 'major', 'medium', 'critical', 'major'].entries()) {
      expect((await create({ title: `Paged ${i}`, severity, labels: ['paged'] })).statusCode).toBe(201);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/projects/TW/issues?label=paged&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await s.app.inject({ url, headers: s.auth('viewer') });
      expect(res.statusCode).toBe(200);
      const page = res.json<{ items: { severity: string }[]; nextCursor: string | null }>();
      seen.push(...page.items.map((i) => i.severity));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['critical', 'major', 'major', 'medium', 'minor']);
    const desc = (await s.app.inject({ url: '/api/projects/TW/issues?label=paged&sort=-created&limit=1', headers: s.auth('viewer') })).json();
    expect(desc.items[0].title).toBe('Paged 4');
    const bad = await s.app.inject({ url: `/api/projects/TW/issues?sort=key&cursor=${desc.nextCursor}`, headers: s.auth('viewer') });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ ok: false, error: 'bad_input' });
  });

  it('refuses a stale patch with 409 and the current issue', async () => {
    const issue = (await create({ title: 'Stale', severity: 'major' })).json();
    const first = await s.app.inject({ method: 'PATCH', url: `/api/projects/TW/issues/${issue.key}`, headers: { ...s.auth('member'), 'if-match': '"1"' }, payload: { owner: 'Bo' } });
    expect(first.statusCode).toBe(200);
    expect(first.headers.etag).toBe('"2"');
    const stale = await s.app.inject({ method: 'PATCH', url: `/api/projects/TW/issues/${issue.key}`, headers: s.auth('member'), payload: { owner: 'Cy', version: 1 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ ok: false, error: 'conflict', current: { owner: 'Bo', version: 2 } });
    const unversioned = await s.app.inject({ method: 'PATCH', url: `/api/projects/TW/issues/${issue.key}`, headers: s.auth('member'), payload: { owner: 'Cy' } });
    expect(unversioned.statusCode).toBe(428);
  });

  it('moves issues through transitions and keeps comments and history', async () => {
    const issue = (await create({ title: 'Flow', severity: 'medium' })).json();
    const url = `/api/projects/TW/issues/${issue.key}`;
    const started = await s.app.inject({ method: 'POST', url: `${url}/transitions`, headers: s.auth('member'), payload: { action: 'start' } });
    expect(started.json()).toMatchObject({ status: 'in_progress' });
    const resolved = await s.app.inject({ method: 'POST', url: `${url}/transitions`, headers: s.auth('member'), payload: { action: 'resolve', reason: 'fixed in #12', version: 2 } });
    expect(resolved.json()).toMatchObject({ status: 'resolved', version: 3 });
    const comment = await s.app.inject({ method: 'POST', url: `${url}/comments`, headers: s.auth('member'), payload: { body: 'verified' } });
    expect(comment.statusCode).toBe(201);
    const comments = (await s.app.inject({ url: `${url}/comments`, headers: s.auth('viewer') })).json();
    expect(comments.items.map((c: { body: string }) => c.body)).toEqual(['fixed in #12', 'verified']);
    const history = (await s.app.inject({ url: `${url}/history`, headers: s.auth('viewer') })).json();
    expect(history.items.map((e: { action: string }) => e.action)).toEqual(['issue.created', 'issue.start', 'issue.resolve', 'issue.commented']);
  });

  it('answers bad input, unknown keys and missing rights with stable codes', async () => {
    const cases: [Promise<{ statusCode: number; json: () => unknown }>, number, string][] = [
      [create({ title: '', severity: 'critical' }), 400, 'bad_input'],
      [create({ title: 'x', severity: 'urgent' }), 400, 'bad_input'],
      [create({ title: 'x', severity: 'major' }, 'viewer'), 403, 'forbidden'],
      [s.app.inject({ url: '/api/projects/TW/issues/NOPE-1', headers: s.auth('viewer') }), 404, 'not_found'],
      [s.app.inject({ url: '/api/projects/ZZ/issues', headers: s.auth('viewer') }), 404, 'not_found'],
      [s.app.inject({ url: '/api/projects/TW/issues' }), 401, 'unauthorized'],
      [s.app.inject({ url: '/api/projects/TW/issues', headers: { authorization: 'Bearer pl_nope' } }), 401, 'unauthorized'],
      [s.app.inject({ method: 'POST', url: '/api/projects/TW/issues', headers: { ...s.auth('member'), 'content-type': 'application/json' }, payload: '{"title":' }), 400, 'bad_input'],
      [s.app.inject({ url: '/api/projects/TW/issues?limit=0', headers: s.auth('viewer') }), 400, 'bad_input'],
    ];
    for (const [pending, status, code] of cases) {
      const res = await pending;
      expect(res.statusCode).toBe(status);
      expect(res.json()).toMatchObject({ ok: false, error: code });
    }
  });
});
