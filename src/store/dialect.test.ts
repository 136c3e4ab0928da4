import { describe, expect, it } from 'vitest';
import { dialectOps, isBusyError } from './dialect.js';

const err = (code: string, message = 'driver message') => Object.assign(new Error(message), { code });

describe('driver errors, mapped once per dialect', () => {
  const pg = dialectOps('postgres');
  const lite = dialectOps('sqlite');

  it('PostgreSQL: constraints are the user\'s, resources and connections the environment\'s', () => {
    expect(pg.mapError(err('23505'), 'db')).toMatchObject({ code: 'duplicate', exitCode: 2 });
    expect(pg.mapError(err('23503'), 'db')).toMatchObject({ code: 'bad_input', exitCode: 2 });
    expect(pg.mapError(err('22001'), 'db')).toMatchObject({ code: 'bad_input' });
    expect(pg.mapError(err('53100'), 'postgres://u:***@h/db')).toMatchObject({ exitCode: 3, message: expect.stringMatching(/disk .* is full/) as unknown });
    expect(pg.mapError(err('25006'), 'db')).toMatchObject({ exitCode: 3, message: expect.stringMatching(/read-only/) as unknown });
    expect(pg.mapError(err('ECONNREFUSED'), 'db')).toMatchObject({ exitCode: 3 });
    expect(pg.mapError(err('57P01'), 'db')).toMatchObject({ exitCode: 3 });
    expect(pg.mapError(err('40001'), 'db')).toMatchObject({ code: 'store_locked' });
    expect(pg.mapError(new TypeError('x is undefined'), 'db')).toBeUndefined();
  });

  it('SQLite: the same classes by result code', () => {
    expect(lite.mapError(err('SQLITE_CONSTRAINT_UNIQUE'), 'f.db')).toMatchObject({ code: 'duplicate' });
    expect(lite.mapError(err('SQLITE_CONSTRAINT_FOREIGNKEY'), 'f.db')).toMatchObject({ code: 'bad_input' });
    expect(lite.mapError(err('SQLITE_FULL'), 'f.db')).toMatchObject({ exitCode: 3, message: 'store: the disk holding f.db is full; free some space and try again' });
    expect(lite.mapError(err('SQLITE_READONLY'), 'f.db')).toMatchObject({ exitCode: 3 });
    expect(lite.mapError(err('SQLITE_READONLY_DIRECTORY'), 'f.db')).toMatchObject({ exitCode: 3 });
    expect(lite.mapError(err('SQLITE_BUSY_SNAPSHOT'), 'f.db')).toMatchObject({ code: 'store_locked' });
    expect(lite.mapError(err('SQLITE_NOTADB'), 'f.db')).toMatchObject({ exitCode: 3 });
    expect(lite.mapError(new RangeError('bug'), 'f.db')).toBeUndefined();
  });

  it('only a busy store is worth waiting for', () => {
    expect(isBusyError(err('SQLITE_BUSY'))).toBe(true);
    expect(isBusyError(err('55P03'))).toBe(true);
    expect(isBusyError(err('SQLITE_READONLY'))).toBe(false);
    expect(isBusyError(new Error('store: its schema is newer'))).toBe(false);
  });
});
