// The stores every contract test runs against: SQLite always, PostgreSQL when the server is up.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '../../src/domain/ports.js';
import { openPostgresStore } from '../../src/store/postgres.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { createDatabase } from './postgres-server.js';

export interface StoreFactory {
  name: 'sqlite' | 'postgres';
  /** A new, empty store: its own file or its own database. */
  open(): Promise<Store>;
  /** Where it lives, for a second process or a second connection. */
  lastLocation(): string;
}

let counter = 0;

export function sqliteFactory(): StoreFactory {
  let last = '';
  return {
    name: 'sqlite',
    async open() {
      last = join(mkdtempSync(join(tmpdir(), 'punchlist-test-')), 'punchlist.db');
      return openSqliteStore(last);
    },
    lastLocation: () => last,
  };
}

export function postgresFactory(): StoreFactory | null {
  const server = process.env.PUNCHLIST_TEST_PG;
  if (!server) return null;
  let last = '';
  return {
    name: 'postgres',
    async open() {
      last = await createDatabase(server, `t_${process.pid}_${Date.now()}_${counter++}`);
      return openPostgresStore(last, { poolSize: 4 });
    },
    lastLocation: () => last,
  };
}

/** Both stores, for `describe.each`. */
export function storeFactories(): StoreFactory[] {
  const pg = postgresFactory();
  return pg ? [sqliteFactory(), pg] : [sqliteFactory()];
}
