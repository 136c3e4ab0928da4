// Migration 0800 (keys unique regardless of case) on a store written before it: a store that
// already holds `TB-1` and `tb-1` (and projects `TW` and `tw`) migrates cleanly on both
// dialects. The oldest record keeps its key, the later one becomes `<key>-dup<id>`, the event
// log says so, and from then on the store refuses a new clash.
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

const before: Record<string, Migration> = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0800'));

async function seedOldSchema(db: Kysely<unknown>): Promise<void> {
  const { error } = await new Migrator({ db, provider: { getMigrations: () => Promise.resolve(before) }, allowUnorderedMigrations: true }).migrateToLatest();
  if (error) throw error;
  const at = '2026-03-01T00:00:00.000Z';
  await sql`insert into projects (key, name, created_at, updated_at) values ('TW', 'Upper', ${at}, ${at}), ('tw', 'Lower', ${at}, ${at})`.execute(db);
  for (const [project, key] of [[1, 'TB-1'], [1, 'tb-1'], [1, 'Tb-1'], [1, 'TB-2'], [2, 'tb-1']] as const) {
    await sql`insert into issues (project_id, key, title, severity, status, files, created_at, updated_at)
      values (${project}, ${key}, ${`issue ${key}`}, 'major', 'backlog', '[]', ${at}, ${at})`.execute(db);
  }
}

async function expectMigrated(store: Store): Promise<void> {
  expect((await store.projects.list()).map((p) => p.key)).toEqual(['TW', 'tw-dup2']);
  const upper = (await store.projects.get('TW'))!;
  expect((await store.issues.list(upper.id)).map((i) => i.key).sort()).toEqual(['TB-1', 'TB-2', 'Tb-1-dup3', 'tb-1-dup2']);
  const lower = (await store.projects.get('tw-dup2'))!;
  expect((await store.issues.list(lower.id)).map((i) => i.key)).toEqual(['tb-1']);
  const renamed = (await store.events.list(upper.id)).filter((e) => e.action === 'issue.renamed');
  expect(renamed.map((e) => [e.entityKey, (e.data as { before: string }).before]).sort()).toEqual([['Tb-1-dup3', 'Tb-1'], ['tb-1-dup2', 'tb-1']]);
  await expect(store.write((tx) => tx.issues.insert(upper.id, { key: 'tb-2', title: 'x', severity: 'minor' }))).rejects.toMatchObject({ code: 'duplicate' });
  await expect(store.write((tx) => tx.issues.insertMany(upper.id, [{ key: 'tB-2', title: 'x', severity: 'minor' }]))).rejects.toMatchObject({ code: 'duplicate' });
}

describe('migration 0800 on a store with keys that differ only in case', () => {
  it('SQLite', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'punchlist-0800-')), 'punchlist.db');
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new Sqlite(path) }) });
    await seedOldSchema(db);
    await db.destroy();
    const store = await openSqliteStore(path);
    await expectMigrated(store);
    await store.close();
  });

  it.skipIf(!process.env.PUNCHLIST_TEST_PG)('PostgreSQL', async () => {
    const url = await createDatabase(process.env.PUNCHLIST_TEST_PG!, `t0800_${process.pid}_${Date.now()}`);
    const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }) });
    await seedOldSchema(db);
    await db.destroy();
    const store = await openPostgresStore(url);
    await expectMigrated(store);
    await store.close();
  });
});
