// Migration 0600 folds and indexes the issues a store already holds: a store at the schema
// before it, with rows written then, is searchable after an upgrade, on both dialects.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { Kysely, type Migration, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/domain/ports.js';
import { migrations } from '../../src/store/migrations/index.js';
import { openPostgresStore } from '../../src/store/postgres.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { createDatabase } from '../support/postgres-server.js';

const before: Record<string, Migration> = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0600'));

async function seedOldSchema(db: Kysely<unknown>): Promise<void> {
  const { error } = await new Migrator({ db, provider: { getMigrations: () => Promise.resolve(before) } }).migrateToLatest();
  if (error) throw error;
  const at = '2026-03-01T00:00:00.000Z';
  await db.transaction().execute(async (db) => {
    await sql`insert into projects (key, name, created_at, updated_at) values ('TW', 'Tidewater', ${at}, ${at})`.execute(db);
    for (let i = 1; i <= 1_200; i++) {
      const title = i === 777 ? 'Überweisung abgelehnt' : `Issue ${i}`;
      await sql`insert into issues (project_id, key, title, severity, status, owner, files, created_at, updated_at)
        values (1, ${`TW-${i}`}, ${title}, 'major', 'backlog', ${i === 5 ? 'Émile Zola' : null}, ${`["src/m${i}.ts"]`}, ${at}, ${at})`.execute(db);
    }
  });
}

async function expectSearchable(store: Store): Promise<void> {
  const project = (await store.projects.get('TW'))!;
  expect((await store.issues.list(project.id, { text: 'uberweisung' })).map((i) => i.key)).toEqual(['TW-777']);
  expect((await store.issues.list(project.id, { text: 'm1199' })).map((i) => i.key)).toEqual(['TW-1199']);
  expect((await store.issues.list(project.id, { owner: 'emile zola' })).map((i) => i.key)).toEqual(['TW-5']);
  expect(await store.issues.count(project.id, { text: 'issue' })).toBe(1_199);
}

describe('migration 0600 on a store with issues', () => {
  it('SQLite', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'punchlist-0600-')), 'punchlist.db');
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new Sqlite(path) }) });
    await seedOldSchema(db);
    await db.destroy();
    const store = await openSqliteStore(path);
    await expectSearchable(store);
    await store.close();
  });

  it.skipIf(!process.env.PUNCHLIST_TEST_PG)('PostgreSQL', async () => {
    const url = await createDatabase(process.env.PUNCHLIST_TEST_PG!, `t0600_${process.pid}_${Date.now()}`);
    const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }) });
    await seedOldSchema(db);
    await db.destroy();
    const store = await openPostgresStore(url);
    await expectSearchable(store);
    await store.close();
  });
});
