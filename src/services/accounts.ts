// People, API tokens and browser sessions: create, check and revoke. Secrets are random,
// shown once and stored as hashes: passwords with argon2id (slow on purpose), tokens and
// session ids with SHA-256 (they are 256 random bits, so a fast hash is enough and keeps every
// API request cheap).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import { z } from 'zod';
import { type AccountEvent, type ApiToken, ROLES, type Role, type User, type WebSession } from '../domain/accounts-port.js';
import { notFound, PunchlistError } from '../domain/errors.js';
import type { Store, StoreSession } from '../domain/ports.js';
import { parseWith } from '../domain/validate.js';

export const userNameSchema = z
  .string()
  .trim()
  .min(1, 'a name is needed')
  .max(100, 'at most 100 characters')
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._@-]*$/u, 'letters, digits, spaces and . _ @ - only');
export const roleSchema = z.enum(ROLES);
export const passwordSchema = z.string().min(12, 'at least 12 characters').max(1_000, 'at most 1000 characters');

/** What a person may be told about an account: never the hash. */
export type PublicUser = Omit<User, 'passwordHash'>;
export const publicUser = ({ passwordHash: _hidden, ...user }: User): PublicUser => user;

export const sha256 = (secret: string): string => createHash('sha256').update(secret).digest('hex');
const secret = (prefix: string): string => `${prefix}${randomBytes(32).toString('base64url')}`;

export const SESSION_HOURS = 12;
/** The actor of an account change made with no person behind it (tests, scripts). */
const SYSTEM = 'punchlist';

/** The account log, newest first: who added, changed or removed a user or a token. */
export async function accountEvents(store: Store, limit = 100): Promise<AccountEvent[]> {
  return store.accounts.listEvents(Math.min(Math.max(1, limit), 1_000));
}

export async function addUser(
  store: Store,
  input: { name: string; role: string; password?: string | undefined; actor?: string },
  at = new Date().toISOString(),
): Promise<{ user: PublicUser; password: string }> {
  const name = parseWith(userNameSchema, input.name, 'name');
  const role = parseWith(roleSchema, input.role, 'role');
  const password = input.password === undefined ? secret('') : parseWith(passwordSchema, input.password, 'password');
  const passwordHash = await argonHash(password);
  const user = await store.write(async (tx) => {
    const added = await tx.accounts.insertUser({ name, role, passwordHash }, at);
    await tx.accounts.logEvent({ at, actor: input.actor ?? SYSTEM, action: 'user.added', subject: name, data: { role } });
    return added;
  });
  return { user: publicUser(user), password };
}

/** The first admin, when the store has no account at all: its password is shown once. */
export async function ensureFirstAdmin(store: Store): Promise<{ name: string; password: string } | null> {
  if ((await store.accounts.countUsers()) > 0) return null;
  const { user, password } = await addUser(store, { name: 'admin', role: 'admin', actor: 'punchlist (first start)' });
  return { name: user.name, password };
}

export async function updateUser(
  store: Store,
  name: string,
  patch: { role?: Role; password?: string },
  expectedVersion?: number,
  actor = SYSTEM,
): Promise<PublicUser> {
  const passwordHash = patch.password === undefined ? undefined : await argonHash(parseWith(passwordSchema, patch.password, 'password'));
  return store.write(async (tx) => {
    const user = await requireUser(tx, name);
    const updated = await tx.accounts.updateUser(
      user.id,
      { ...(patch.role ? { role: patch.role } : {}), ...(passwordHash ? { passwordHash } : {}) },
      expectedVersion ?? user.version,
    );
    // The log says what changed, never the password itself.
    const data = { ...(patch.role && patch.role !== user.role ? { role: { before: user.role, after: patch.role } } : {}), ...(passwordHash ? { password: 'changed' } : {}) };
    await tx.accounts.logEvent({ at: new Date().toISOString(), actor, action: 'user.changed', subject: name, data });
    return publicUser(updated);
  });
}

export async function removeUser(store: Store, name: string, actor = SYSTEM, at = new Date().toISOString()): Promise<void> {
  await store.write(async (tx) => {
    const user = await requireUser(tx, name);
    await tx.accounts.deleteUser(user.id);
    await tx.accounts.logEvent({ at, actor, action: 'user.removed', subject: name, data: { role: user.role } });
  });
}

async function requireUser(session: StoreSession, name: string): Promise<User> {
  const user = await session.accounts.getUser(name);
  if (!user) throw notFound(`user: no user "${name}"`);
  return user;
}

export async function createToken(
  store: Store,
  input: { name: string; role: string; createdBy: string },
  at = new Date().toISOString(),
): Promise<{ token: ApiToken; secret: string }> {
  const name = parseWith(userNameSchema, input.name, 'name');
  const role = parseWith(roleSchema, input.role, 'role');
  const value = secret('pl_');
  const token = await store.write(async (tx) => {
    const created = await tx.accounts.insertToken({ name, role, prefix: value.slice(0, 10), hash: sha256(value), createdBy: input.createdBy }, at);
    await tx.accounts.logEvent({ at, actor: input.createdBy, action: 'token.created', subject: `token:${created.id}`, data: { name, role, prefix: created.prefix } });
    return created;
  });
  return { token, secret: value };
}

export async function revokeToken(store: Store, id: number, actor = SYSTEM, at = new Date().toISOString()): Promise<ApiToken> {
  const revoked = await store.write(async (tx) => {
    const token = await tx.accounts.revokeToken(id, at);
    if (token) await tx.accounts.logEvent({ at, actor, action: 'token.revoked', subject: `token:${id}`, data: { name: token.name, role: token.role } });
    return token;
  });
  if (!revoked) throw notFound(`token: no live token with id ${id}`);
  return revoked;
}

/** Who a bearer token stands for, or null. Recording its use is the caller's (it may batch it). */
export async function findToken(session: StoreSession, value: string): Promise<ApiToken | null> {
  return session.accounts.findToken(sha256(value));
}

export async function touchToken(store: Store, id: number, at = new Date().toISOString()): Promise<void> {
  await store.write((tx) => tx.accounts.touchToken(id, at));
}

/** A password login: a new session (its secret shown once) and its CSRF token. */
export async function login(
  store: Store,
  name: string,
  password: string,
  now = new Date(),
): Promise<{ user: PublicUser; session: WebSession; secret: string }> {
  const user = await store.accounts.getUser(name);
  // The same answer whether the name or the password is wrong, and argon2 is run either way.
  const valid = user ? await argonVerify(user.passwordHash, password).catch(() => false) : await argonHash(password).then(() => false);
  if (!user || !valid) throw new PunchlistError('unauthorized', 'login: wrong name or password');
  const value = secret('ps_');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString();
  const session = await store.write((tx) =>
    tx.accounts.insertSession({ userId: user.id, hash: sha256(value), csrfToken: secret(''), expiresAt }, now.toISOString()),
  );
  return { user: publicUser(user), session, secret: value };
}

export async function findSession(session: StoreSession, value: string, now = new Date()): Promise<{ user: PublicUser; session: WebSession } | null> {
  const found = await session.accounts.findSession(sha256(value), now.toISOString());
  if (!found) return null;
  const user = await session.accounts.getUserById(found.userId);
  return user ? { user: publicUser(user), session: found } : null;
}

export async function logout(store: Store, value: string): Promise<void> {
  await store.write((tx) => tx.accounts.deleteSession(sha256(value)));
}

/** Constant-time comparison of two secrets (a CSRF header against the session's token). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
