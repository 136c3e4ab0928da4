// What deploy/ promises matches what the server exposes: every metric the alert rules and the
// Grafana dashboard read is one /metrics serves. (promtool tests the rules' logic in .ci/run.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/domain/ports.js';
import { ROOT } from '../support/paths.js';
import { sqliteFactory } from '../support/stores.js';
import { startServer, type TestServer } from './helpers.js';

const metricNames = (text: string): string[] => [...new Set([...text.matchAll(/\b(punchlist_[a-z_]+)/g)].map((m) => m[1]!))];

describe('deploy/', () => {
  let store: Store;
  let s: TestServer;
  let exposed: Set<string>;
  beforeAll(async () => {
    store = await sqliteFactory().open();
    s = await startServer(store);
    const text = (await s.app.inject({ url: '/metrics' })).body;
    exposed = new Set([...text.matchAll(/^# TYPE (\S+) (\w+)/gm)].flatMap((m) => (m[2] === 'histogram' ? [`${m[1]}_bucket`, `${m[1]}_count`, `${m[1]}_sum`] : [m[1]!])));
  });
  afterAll(async () => {
    await s.close();
    await store.close();
  });

  it.each(['deploy/prometheus/alerts.yml', 'deploy/grafana/punchlist.json'])('%s reads only metrics the server exposes', (file) => {
    const used = metricNames(readFileSync(join(ROOT, file), 'utf8')).filter((n) => n !== 'punchlist_process');
    expect(used.length).toBeGreaterThan(3);
    expect(used.filter((n) => !exposed.has(n))).toEqual([]);
  });
});
