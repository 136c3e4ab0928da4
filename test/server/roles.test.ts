// Generated from the routes the app registers: every /api route × every role, plus no
// credentials. A role below the route's gets 403, no credentials 401, and a role at or above
// it is let through (whatever the answer, it is not 401/403). A new route is covered unasked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, roleAllows } from '../../src/domain/accounts-port.js';
import type { Store } from '../../src/domain/ports.js';
import { routesOf } from '../../src/server/app.js';
import { sqliteFactory } from '../support/stores.js';
import { startServer, type TestServer } from './helpers.js';

// Values for path parameters that name real or harmless things (deletes hit unknown names).
const PARAMS: Record<string, string> = { project: 'TW', key: 'NOPE-1', list: 'nope', item: '1', kpi: 'ci', name: 'nobody', id: '999999', kind: 'audit' };
const fill = (url: string): string => url.replace(/:(\w+)/g, (_, name: string) => PARAMS[name] ?? 'x');

describe('every route × every role', () => {
  let store: Store;
  let s: TestServer;
  beforeAll(async () => {
    store = await sqliteFactory().open();
    s = await startServer(store);
  });
  afterAll(async () => {
    await s.close();
    await store.close();
  });

  it('has routes for every resource, each with a role or marked public', () => {
    const api = routesOf(s.app).filter((r) => r.url.startsWith('/api/'));
    expect(api.length).toBeGreaterThan(50);
    for (const r of api) expect(r.public || r.role !== null).toBe(true);
  });

  it('refuses a role below the route and no credentials; lets the others through', async () => {
    const api = routesOf(s.app).filter((r) => r.url.startsWith('/api/') && !r.public);
    const failures: string[] = [];
    for (const route of api) {
      const url = fill(route.url);
      const anonymous = await s.app.inject({ method: route.method as 'GET', url });
      if (anonymous.statusCode !== 401) failures.push(`${route.method} ${route.url} without credentials: ${anonymous.statusCode}`);
      for (const role of ROLES) {
        const allowed = roleAllows(role, route.role!);
        // A live-event stream never ends; its refusals are checked, its acceptance in live.test.ts.
        if (allowed && route.url.endsWith('/events')) continue;
        const res = await s.app.inject({ method: route.method as 'GET', url, headers: s.auth(role), ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }) });
        const refused = res.statusCode === 401 || res.statusCode === 403;
        if (allowed === refused) failures.push(`${route.method} ${route.url} as ${role} (needs ${route.role}): ${res.statusCode} ${res.body.slice(0, 120)}`);
        if (res.statusCode >= 500) failures.push(`${route.method} ${route.url} as ${role}: ${res.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
