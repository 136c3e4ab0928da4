// Several real processes on one embedded store: writes serialise, nothing is lost or corrupted.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BIN } from '../support/paths.js';

function punchlist(db: string, args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, '--db', db, '--as', 'proc', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stderr }));
  });
}

async function writer(db: string, name: string, count: number): Promise<string[]> {
  const errors: string[] = [];
  for (let i = 0; i < count; i++) {
    const r = await punchlist(db, ['issue', 'add', `${name} ${i}`, '--severity', 'minor']);
    if (r.code !== 0) errors.push(r.stderr);
  }
  return errors;
}

describe('two processes writing to one SQLite store at once', () => {
  it('serialises their writes: every issue lands once, numbering has no repeats, the file is sound', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'punchlist-mp-')), 'punchlist.db');
    expect((await punchlist(db, ['init', '--key', 'TW'])).code).toBe(0);
    const [a, b] = await Promise.all([writer(db, 'alpha', 12), writer(db, 'beta', 12)]);
    expect([...a, ...b]).toEqual([]);
    const raw = new Sqlite(db, { readonly: true });
    const keys = raw.prepare('select key from issues order by id').pluck().all() as string[];
    expect(keys).toHaveLength(24);
    expect(new Set(keys).size).toBe(24);
    expect(raw.prepare('pragma integrity_check').pluck().get()).toBe('ok');
    expect(raw.prepare("select count(*) from events where action = 'issue.created'").pluck().get()).toBe(24);
    raw.close();
  }, 120_000);

  it('makes a writer wait for the lock rather than fail', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'punchlist-mp-')), 'punchlist.db');
    expect((await punchlist(db, ['init', '--key', 'TW'])).code).toBe(0);
    const holder = new Sqlite(db);
    holder.exec('BEGIN IMMEDIATE');
    const pending = punchlist(db, ['issue', 'add', 'waits for the lock', '--severity', 'minor']);
    await new Promise((r) => setTimeout(r, 1_500));
    holder.exec('COMMIT');
    holder.close();
    expect(await pending).toMatchObject({ code: 0 });
  }, 60_000);
});

describe('an unreachable store', () => {
  it('answers one line and exit 3 for PostgreSQL that is not there', async () => {
    const r = await punchlist('postgres://nobody:secret@127.0.0.1:1/none', ['issue', 'list']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^punchlist: store: cannot reach PostgreSQL at postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/none: .*\n$/);
    expect(r.stderr).not.toContain('secret');
  });

  it('answers exit 3 when the SQLite path cannot be created', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'punchlist-mp-')), 'a-file');
    writeFileSync(file, 'not a directory');
    const r = await punchlist(join(file, 'punchlist.db'), ['init', '--key', 'TW']);
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
