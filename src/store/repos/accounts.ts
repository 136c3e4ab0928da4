import type { Selectable } from 'kysely';
import type { AccountEvent, AccountRepo, ApiToken, Role, User, WebSession } from '../../domain/accounts-port.js';
import { conflict, notFound, PunchlistError } from '../../domain/errors.js';
import type { DbContext } from '../db-context.js';
import type { ApiTokensTable, UsersTable, WebSessionsTable } from '../schema.js';

const toUser = (r: Selectable<UsersTable>): User => ({
  id: r.id,
  name: r.name,
  role: r.role as Role,
  passwordHash: r.password_hash,
  createdAt: r.created_at,
  version: r.version,
});

const toToken = (r: Selectable<ApiTokensTable>): ApiToken => ({
  id: r.id,
  name: r.name,
  role: r.role as Role,
  prefix: r.prefix,
  createdBy: r.created_by,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

const toSession = (r: Selectable<WebSessionsTable>): WebSession => ({
  id: r.id,
  userId: r.user_id,
  csrfToken: r.csrf_token,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
});

export function accountRepo(ctx: DbContext): AccountRepo {
  const { db } = ctx;
  return {
    async countUsers() {
      const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async listUsers() {
      return (await db.selectFrom('users').selectAll().orderBy('id').execute()).map(toUser);
    },
    async getUser(name) {
      const row = await db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
      return row ? toUser(row) : null;
    },
    async getUserById(id) {
      const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toUser(row) : null;
    },
    async insertUser(user, at) {
      const clash = await db.selectFrom('users').select('id').where('name', '=', user.name).executeTakeFirst();
      if (clash) throw new PunchlistError('duplicate', `user: "${user.name}" already exists`);
      const row = await db
        .insertInto('users')
        .values({ name: user.name, role: user.role, password_hash: user.passwordHash, created_at: at, version: 1 })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toUser(row);
    },
    async updateUser(id, patch, expectedVersion) {
      const row = await db
        .updateTable('users')
        .set({
          ...(patch.role ? { role: patch.role } : {}),
          ...(patch.passwordHash ? { password_hash: patch.passwordHash } : {}),
          version: expectedVersion + 1,
        })
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .returningAll()
        .executeTakeFirst();
      if (row) return toUser(row);
      const current = await db.selectFrom('users').select(['name', 'version']).where('id', '=', id).executeTakeFirst();
      if (!current) throw notFound(`user: no user with id ${id}`);
      throw conflict(`user ${current.name}: changed by someone else (now version ${current.version}, you had ${expectedVersion}); reload and retry`);
    },
    async deleteUser(id) {
      await db.deleteFrom('users').where('id', '=', id).execute();
    },

    async insertToken(token, at) {
      const row = await db
        .insertInto('api_tokens')
        .values({
          name: token.name,
          role: token.role,
          prefix: token.prefix,
          token_hash: token.hash,
          created_by: token.createdBy,
          created_at: at,
          last_used_at: null,
          revoked_at: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toToken(row);
    },
    async listTokens() {
      return (await db.selectFrom('api_tokens').selectAll().orderBy('id').execute()).map(toToken);
    },
    async findToken(hash) {
      const row = await db
        .selectFrom('api_tokens')
        .selectAll()
        .where('token_hash', '=', hash)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return row ? toToken(row) : null;
    },
    async touchToken(id, at) {
      await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
    },
    async revokeToken(id, at) {
      const row = await db
        .updateTable('api_tokens')
        .set({ revoked_at: at })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .returningAll()
        .executeTakeFirst();
      return row ? toToken(row) : null;
    },

    async insertSession(session, at) {
      const row = await db
        .insertInto('web_sessions')
        .values({
          user_id: session.userId,
          token_hash: session.hash,
          csrf_token: session.csrfToken,
          created_at: at,
          expires_at: session.expiresAt,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toSession(row);
    },
    async findSession(hash, now) {
      const row = await db
        .selectFrom('web_sessions')
        .selectAll()
        .where('token_hash', '=', hash)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return row ? toSession(row) : null;
    },
    async deleteSession(hash) {
      await db.deleteFrom('web_sessions').where('token_hash', '=', hash).execute();
    },
    async logEvent(event) {
      await db.insertInto('account_events').values({ ...event, data: JSON.stringify(event.data) }).execute();
    },
    async listEvents(limit) {
      const rows = await db.selectFrom('account_events').selectAll().orderBy('id', 'desc').limit(limit).execute();
      return rows.map((r): AccountEvent => ({ id: Number(r.id), at: r.at, actor: r.actor, action: r.action, subject: r.subject, data: JSON.parse(r.data) as Record<string, unknown> }));
    },
  };
}
