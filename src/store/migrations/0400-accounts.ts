// Accounts for `punchlist serve`: people, API tokens and browser sessions (secrets stored as
// hashes only), and the index the API's default issue order walks for cursor pagination.
import type { CreateTableBuilder, Kysely } from 'kysely';
import { withAutoId } from '../dialect.js';

type Builder = CreateTableBuilder<string, string>;

function withId(db: Kysely<unknown>, table: string): Builder {
  return withAutoId(db, db.schema.createTable(table));
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, 'users')
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await withId(db, 'api_tokens')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await withId(db, 'web_sessions')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  // The API lists issues most severe first, then oldest, then by id, a page at a time: this
  // index serves that order and its keyset cursor without sorting (the severity words sort in
  // the domain's order: critical < major < medium < minor).
  await db.schema.createIndex('issues_by_severity_age').on('issues').columns(['project_id', 'severity', 'created_at', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('issues_by_severity_age').execute();
  await db.schema.dropTable('web_sessions').execute();
  await db.schema.dropTable('api_tokens').execute();
  await db.schema.dropTable('users').execute();
}
