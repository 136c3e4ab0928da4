// OpenAPI, Swagger UI, the dashboard's static files with SPA fallback and security headers on
// HTML only, the request log line, and the serve command end to end.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/domain/ports.js';
import { BIN } from '../support/paths.js';
import { sqliteFactory } from '../support/stores.js';
import { startServer, type TestServer } from './helpers.js';

describe('documentation, dashboard files and logs', () => {
  let store: Store;
  let s: TestServer;
  const lines: Record<string, unknown>[] = [];
  beforeAll(async () => {
    const web = mkdtempSync(join(tmpdir(), 'pl-web-'));
    mkdirSync(join(web, 'assets'));
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>punchlist</title><div id="root"></div>');
    writeFileSync(join(web, 'assets', 'app.js'), 'console.log(1)');
    store = await sqliteFactory().open();
    const stream = new Writable({
      write(chunk: Buffer, _e, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    s = await startServer(store, { webDir: web, logger: { level: 'info', stream } });
  });
  afterAll(async () => {
    await s.close();
    await store.close();
  });

  it('serves the OpenAPI document and Swagger UI', async () => {
    const doc = (await s.app.inject({ url: '/api/openapi.json' })).json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/projects/{project}/issues', '/api/projects/{project}/ingest', '/api/tokens']));
    const ui = await s.app.inject({ url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toMatch(/text\/html/);
  });

  it('serves the dashboard with index.html for client routes, security headers on HTML only', async () => {
    const page = await s.app.inject({ url: '/issues/TW-1', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<div id="root">');
    expect(page.headers['content-security-policy']).toBeDefined();
    expect(page.headers['x-frame-options']).toBe('SAMEORIGIN');
    const asset = await s.app.inject({ url: '/assets/app.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-security-policy']).toBeUndefined();
    const api = await s.app.inject({ url: '/api/projects/TW/issues', headers: s.auth('viewer') });
    expect(api.headers['content-security-policy']).toBeUndefined();
    expect((await s.app.inject({ url: '/api/nope', headers: { accept: 'text/html' } })).json()).toMatchObject({ ok: false, error: 'not_found' });
  });

  it('writes one structured line per request: id, actor, route, status, duration', async () => {
    await s.app.inject({ url: '/api/projects/TW', headers: { ...s.auth('member'), 'x-request-id': 'req-42' } });
    const line = lines.find((l) => l.reqId === 'req-42');
    expect(line).toMatchObject({ msg: 'request', actor: 'member-bot', method: 'GET', route: '/api/projects/:project', status: 200 });
    expect(typeof line!.ms).toBe('number');
  });
});

describe('punchlist serve', () => {
  it('starts on a new store, prints the first admin once, answers, and stops on SIGTERM', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'pl-serve-')), 'punchlist.db');
    const child = spawn(process.execPath, [BIN, '--db', db, 'serve', '--port', '0', '--log-level', 'warn'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (c: Buffer) => {
        err += c.toString();
        const m = /serving .* at (http:\/\/[\d.:]+)/.exec(err);
        if (m) resolve(m[1]!);
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
    });
    const password = /first account: admin \/ (\S+)/.exec(err)?.[1];
    expect(password).toBeDefined();
    const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'admin', password }) });
    expect(login.status).toBe(200);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const again = spawn(process.execPath, [BIN, '--db', db, 'serve', '--port', '0', '--log-level', 'warn'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let second = '';
    await new Promise<void>((resolve) => again.stderr.on('data', (c: Buffer) => ((second += c.toString()), /serving/.test(second) && resolve())));
    again.kill('SIGTERM');
    expect(second).not.toContain('first account');
  });
});
