import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveStoreLocation } from './open-store.js';

describe('where the store is', () => {
  const root = mkdtempSync(join(tmpdir(), 'punchlist-loc-'));
  const deep = join(root, 'a', 'b', 'c');
  mkdirSync(deep, { recursive: true });
  mkdirSync(join(root, 'a', '.punchlist'));

  it('walks up from the working directory to the nearest .punchlist/', () => {
    expect(resolveStoreLocation(undefined, {}, deep)).toEqual({ kind: 'sqlite', path: join(root, 'a', '.punchlist', 'punchlist.db') });
  });

  it('creates .punchlist/ in the working directory when there is none above', () => {
    const lonely = mkdtempSync(join(tmpdir(), 'punchlist-none-'));
    expect(resolveStoreLocation(undefined, {}, lonely)).toEqual({ kind: 'sqlite', path: join(lonely, '.punchlist', 'punchlist.db') });
  });

  it('takes --db, then PUNCHLIST_DB, then DATABASE_URL', () => {
    const env = { PUNCHLIST_DB: 'env.db', DATABASE_URL: 'postgres://u@h/db' };
    expect(resolveStoreLocation('given.db', env, root)).toEqual({ kind: 'sqlite', path: join(root, 'given.db') });
    expect(resolveStoreLocation(undefined, env, root)).toEqual({ kind: 'sqlite', path: join(root, 'env.db') });
    expect(resolveStoreLocation(undefined, { DATABASE_URL: 'postgres://u@h/db' }, root)).toEqual({ kind: 'postgres', url: 'postgres://u@h/db' });
    expect(resolveStoreLocation('postgresql://x@y/z', {}, root)).toEqual({ kind: 'postgres', url: 'postgresql://x@y/z' });
  });

  it('puts the file inside a directory given as --db', () => {
    expect(resolveStoreLocation(deep, {}, root)).toEqual({ kind: 'sqlite', path: join(deep, 'punchlist.db') });
  });
});

describe('what is not a store location', () => {
  it.each([
    ['mysql://root:s3cret@localhost/app', /^--db: "mysql:\/\/root:\*\*\*@localhost\/app" is neither a postgres:\/\/ URL nor a path to a store/],
    ['host=db.example password=s3cret dbname=app', /^--db: "host=db\.example password=\*\*\* dbname=app" is neither/],
    ['sqlite://x.db', /is neither a postgres/],
  ])('refuses %s, password masked', (given, message) => {
    expect(() => resolveStoreLocation(given, {}, '/tmp')).toThrow(message);
    try {
      resolveStoreLocation(given, {}, '/tmp');
    } catch (error) {
      expect((error as Error).message).not.toContain('s3cret');
      expect((error as { exitCode: number }).exitCode).toBe(2);
    }
  });

  it('names the variable it came from', () => {
    expect(() => resolveStoreLocation(undefined, { DATABASE_URL: 'mysql://u:p@h/d' }, '/tmp')).toThrow(/^DATABASE_URL: /);
    expect(() => resolveStoreLocation(undefined, { PUNCHLIST_DB: 'host=h' }, '/tmp')).toThrow(/^PUNCHLIST_DB: /);
  });
});
