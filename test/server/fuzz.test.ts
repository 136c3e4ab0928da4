// Bad input on every route with a body or a query, on both stores: mutated bodies, wrong types,
// huge payloads, broken JSON, bad multipart. Every answer is a 4xx with a stable error code and
// one line, never a 500 and never a stack trace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/domain/ports.js';
import { routesOf } from '../../src/server/app.js';
import { storeFactories } from '../support/stores.js';
import { startServer, type TestServer } from './helpers.js';

const PARAMS: Record<string, string> = { project: 'TW', key: 'TW-1', list: 'manual', item: '1', kpi: 'ci', name: 'nobody', id: '999999', kind: 'audit' };
const fill = (url: string): string => url.replace(/:(\w+)/g, (_, name: string) => PARAMS[name] ?? 'x');

// Deterministic pseudo-random values: the same run every time.
function* values(seed: number): Generator<unknown> {
  const pool: unknown[] = [
    null, true, 0, -1, 1e308, Number.MAX_SAFE_INTEGER + 2, '', ' ', 'x'.repeat(10_000), '\u0000', '../../etc/passwd', '<script>',
    [], [null], {}, { __proto__: { admin: true } }, { constructor: { prototype: {} } }, [[[[[]]]]], 'critical', 'resolved', '2026-13-45',
  ];
  let x = seed;
  for (;;) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    yield pool[x % pool.length];
  }
}

const FIELDS = ['title', 'severity', 'status', 'owner', 'version', 'action', 'body', 'value', 'at', 'items', 'rule', 'name', 'role', 'password', 'key', 'labels', 'files', 'estimateMinutes', 'dueDate'];

function mutatedBodies(seed: number): unknown[] {
  const next = values(seed);
  const bodies: unknown[] = [null, [], 'text', 42, {}];
  for (let i = 0; i < 12; i++) {
    const body: Record<string, unknown> = {};
    for (let f = 0; f < 4; f++) body[FIELDS[(i * 7 + f * 3) % FIELDS.length]!] = next.next().value;
    bodies.push(body);
  }
  return bodies;
}

const isCleanError = (status: number, text: string): boolean => {
  if (status >= 500) return false;
  if (status < 400) return true; // some mutations are valid input
  try {
    const body = JSON.parse(text) as { ok?: unknown; error?: unknown; message?: unknown };
    return body.ok === false && typeof body.error === 'string' && /^[a-z_]+$/.test(body.error) && typeof body.message === 'string' && !/\n\s+at /.test(text);
  } catch {
    return false;
  }
};

describe.each(storeFactories())('fuzzing every route on $name', (factory) => {
  let store: Store;
  let s: TestServer;
  beforeAll(async () => {
    store = await factory.open();
    s = await startServer(store);
    await s.app.inject({ method: 'POST', url: '/api/projects/TW/issues', headers: s.auth('member'), payload: { title: 'seed', severity: 'major' } });
  });
  afterAll(async () => {
    await s.close();
    await store.close();
  });

  const writes = () => routesOf(s.app).filter((r) => r.url.startsWith('/api/') && ['POST', 'PUT', 'PATCH'].includes(r.method));

  it('answers mutated and wrongly typed bodies with a clean 4xx', async () => {
    const failures: string[] = [];
    for (const [n, route] of writes().entries()) {
      for (const body of mutatedBodies(n + 1)) {
        const res = await s.app.inject({ method: route.method as 'POST', url: fill(route.url), headers: { ...s.auth('admin'), 'content-type': 'application/json' }, payload: JSON.stringify(body) });
        if (!isCleanError(res.statusCode, res.body)) failures.push(`${route.method} ${route.url} ${JSON.stringify(body).slice(0, 80)} → ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers broken JSON, huge payloads and wrong media types with a clean 4xx', async () => {
    const failures: string[] = [];
    const huge = JSON.stringify({ title: 'x'.repeat(2 * 1024 * 1024), severity: 'major' });
    for (const route of writes()) {
      const url = fill(route.url);
      const cases: [string, string | Buffer, string][] = [
        ['broken json', '{"title": "x", ', 'application/json'],
        ['huge', huge, 'application/json'],
        ['wrong type', '<xml/>', 'application/xml'],
        ['bad multipart', '--b\r\nContent-Disposition: form-data; name="file"; filename="a.sarif"\r\n\r\n{', 'multipart/form-data; boundary=b'],
        ['multipart without boundary', 'x', 'multipart/form-data'],
      ];
      for (const [name, payload, type] of cases) {
        const res = await s.app.inject({ method: route.method as 'POST', url, headers: { ...s.auth('admin'), 'content-type': type }, payload });
        // A route that reads no body may ignore one; a route that reads one must refuse these.
        if (!isCleanError(res.statusCode, res.body) || (route.body && res.statusCode < 400)) failures.push(`${route.method} ${route.url} ${name} → ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers bad query strings and path parameters with a clean 4xx', async () => {
    const failures: string[] = [];
    const reads = routesOf(s.app).filter((r) => r.method === 'GET' && r.url.startsWith('/api/') && !r.url.endsWith('/events'));
    const queries = ['limit=-1', 'limit=abc', 'limit=1e9', 'severity=urgent', 'sort=name', 'cursor=%%%', 'cursor=bm90IGpzb24', 'open=maybe', 'format=pdf', 'date=tomorrow', `q=${'x'.repeat(600)}`, 'total=1'];
    for (const route of reads) {
      for (const q of queries) {
        const res = await s.app.inject({ url: `${fill(route.url)}?${q}`, headers: s.auth('admin') });
        if (!isCleanError(res.statusCode, res.body)) failures.push(`GET ${route.url}?${q} → ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
      if (!route.url.includes(':')) continue;
      const weird = route.url.replace(/:(\w+)/g, () => encodeURIComponent('a/../\u0000%'));
      const res = await s.app.inject({ url: weird, headers: s.auth('admin') });
      if (!isCleanError(res.statusCode, res.body) || res.statusCode < 400) failures.push(`GET ${weird} → ${res.statusCode} ${res.body.slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
    // Some 400 requests: 27 s on a loaded 2-core machine already, before any change.
  }, 120_000);
});
