// Changes made by the CLI while `punchlist serve` runs reach the dashboard's live events: a real
// server process and real CLI processes on one store (SQLite file or PostgreSQL database). The
// server notices through the store's change mark and reads the event log (server/store-watch.ts).
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/domain/ports.js';
import { createToken } from '../../src/services/accounts.js';
import { createProject } from '../../src/services/projects.js';
import { BIN } from '../support/paths.js';
import { storeFactories } from '../support/stores.js';
import { subscribe } from './helpers.js';

const run = promisify(execFile);

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(storeFactories())('changes from the CLI reach live events ($name)', (factory) => {
  let store: Store;
  let location: string;
  let server: ChildProcess;
  let base: string;
  let token: string;
  beforeAll(async () => {
    store = await factory.open();
    location = factory.lastLocation();
    await createProject(store, { key: 'TW', name: 'Tidewater Billing' }, { actor: 'test' });
    token = (await createToken(store, { name: 'watcher', role: 'member', createdBy: 'test' })).secret;
    server = spawn(process.execPath, [BIN, '--db', location, 'serve', '--port', '0', '--log-level', 'warn'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    base = await new Promise<string>((resolve, reject) => {
      server.stderr!.on('data', (c: Buffer) => {
        err += c.toString();
        const m = /serving .* at (http:\/\/[\d.:]+)/.exec(err);
        if (m) resolve(m[1]!);
      });
      server.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
    });
  });
  afterAll(async () => {
    const exited = new Promise((r) => server.on('exit', r));
    server.kill('SIGTERM');
    await exited;
    await store.close();
  });

  const cli = (...args: string[]) => run(process.execPath, [BIN, '--db', location, '--as', 'cli-user', '--project', 'TW', '--json', ...args], { encoding: 'utf8' });

  it('publishes issues the CLI adds and changes, with the CLI user as the actor', async () => {
    const stream = subscribe(`${base}/api/projects/TW/events`, token);
    await stream.ready;
    try {
      const key = (JSON.parse((await cli('issue', 'add', 'Found from the terminal', '--severity', 'major')).stdout) as { key: string }).key;
      await until(() => stream.events.some((e) => e.type === 'issue.changed' && e.data.key === key));
      expect(stream.events.find((e) => e.data.key === key)?.data).toMatchObject({ project: 'TW', key, data: { actor: 'cli-user', via: 'store', action: 'issue.created' } });
      await cli('issue', 'start', key);
      await until(() => stream.events.filter((e) => e.data.key === key).length >= 2);
    } finally {
      stream.close();
    }
  });

  it('does not send the server’s own changes twice', async () => {
    const stream = subscribe(`${base}/api/projects/TW/events`, token);
    await stream.ready;
    try {
      const res = await fetch(`${base}/api/projects/TW/issues`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Through the API', severity: 'minor' }) });
      expect(res.status).toBe(201);
      const { key } = (await res.json()) as { key: string };
      await until(() => stream.events.some((e) => e.data.key === key));
      await new Promise((r) => setTimeout(r, 3_000)); // three watch intervals
      expect(stream.events.filter((e) => e.data.key === key)).toHaveLength(1);
    } finally {
      stream.close();
    }
  });
});
