// /api/auth (login, logout, who am I), /api/users and /api/tokens (admin).
import { z } from 'zod';
import type { Store } from '../../domain/ports.js';
import {
  accountEvents,
  addUser,
  createToken,
  login,
  logout,
  passwordSchema,
  removeUser,
  revokeToken,
  roleSchema,
  SESSION_HOURS,
  updateUser,
  userNameSchema,
} from '../../services/accounts.js';
import { actorOf, type Authenticator, CSRF_COOKIE, SESSION_COOKIE } from '../auth.js';
import { expectedVersion, orCurrent, versionField, withEtag } from '../http.js';
import { presentToken, presentUser } from '../presenters/account.js';
import type { App } from '../types.js';

const loginBody = z.object({ name: z.string().min(1).max(100), password: z.string().min(1).max(1_000) }).strict();
const userParams = z.object({ name: userNameSchema });

export function accountRoutes(app: App, store: Store, auth: Authenticator, options: { secureCookies: boolean }): void {
  const cookie = { path: '/', sameSite: 'strict' as const, secure: options.secureCookies, maxAge: SESSION_HOURS * 3600 };

  app.post('/api/auth/login', {
    config: { public: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: { tags: ['auth'], summary: 'Log in with a password: sets the session cookie, returns the CSRF token', body: loginBody },
  }, async (request, reply) => {
    const { user, session, secret } = await login(store, request.body.name, request.body.password);
    void reply.setCookie(SESSION_COOKIE, secret, { ...cookie, httpOnly: true });
    void reply.setCookie(CSRF_COOKIE, session.csrfToken, { ...cookie, httpOnly: false });
    return { user: presentUser(user), csrfToken: session.csrfToken, expiresAt: session.expiresAt };
  });

  app.post('/api/auth/logout', {
    config: { role: 'viewer' },
    schema: { tags: ['auth'], summary: 'End the browser session' },
  }, async (request, reply) => {
    const value = request.cookies[SESSION_COOKIE];
    if (value) await logout(store, value);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.get('/api/auth/me', {
    config: { role: 'viewer' },
    schema: { tags: ['auth'], summary: 'Who is calling, with which role' },
  }, async (request) => ({ name: actorOf(request), role: request.principal!.role, via: request.principal!.via }));

  app.get('/api/users', {
    config: { role: 'admin' },
    schema: { tags: ['accounts'], summary: 'Every account (admin)' },
  }, async () => ({ items: (await store.accounts.listUsers()).map(presentUser) }));

  app.get('/api/account-events', {
    config: { role: 'admin' },
    schema: {
      tags: ['accounts'],
      summary: 'The account log, newest first: who added, changed or removed a user or a token (admin)',
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(1_000).default(100) }).strict(),
    },
  }, async (request) => ({ items: await accountEvents(store, request.query.limit) }));

  app.post('/api/users', {
    config: { role: 'admin' },
    schema: {
      tags: ['accounts'],
      summary: 'Add an account (admin); without a password one is generated and shown once',
      body: z.object({ name: userNameSchema, role: roleSchema, password: passwordSchema.optional() }).strict(),
    },
  }, async (request, reply) => {
    const { user, password } = await addUser(store, { ...request.body, actor: actorOf(request) });
    return reply.code(201).send({ ...presentUser(user), ...(request.body.password === undefined ? { password } : {}) });
  });

  app.patch('/api/users/:name', {
    config: { role: 'admin' },
    schema: {
      tags: ['accounts'],
      summary: 'Change a role or password (admin; If-Match or version required)',
      params: userParams,
      body: z.object({ role: roleSchema.optional(), password: passwordSchema.optional(), version: versionField }).strict(),
    },
  }, async (request, reply) => {
    const { version, role, password } = request.body;
    const user = await orCurrent(
      updateUser(store, request.params.name, { ...(role ? { role } : {}), ...(password ? { password } : {}) }, expectedVersion(request, version), actorOf(request)),
      async () => {
        const found = await store.accounts.getUser(request.params.name);
        return found ? presentUser(found) : null;
      },
    );
    return withEtag(reply, presentUser(user));
  });

  app.delete('/api/users/:name', {
    config: { role: 'admin' },
    schema: { tags: ['accounts'], summary: 'Remove an account (admin)', params: userParams },
  }, async (request, reply) => {
    await removeUser(store, request.params.name, actorOf(request));
    return reply.code(204).send();
  });

  app.get('/api/tokens', {
    config: { role: 'admin' },
    schema: { tags: ['accounts'], summary: 'API tokens, with when each was last used (admin)' },
  }, async () => ({ items: (await store.accounts.listTokens()).map(presentToken) }));

  app.post('/api/tokens', {
    config: { role: 'admin' },
    schema: { tags: ['accounts'], summary: 'Create an API token (admin): the secret is shown once', body: z.object({ name: userNameSchema, role: roleSchema }).strict() },
  }, async (request, reply) => {
    const { token, secret } = await createToken(store, { ...request.body, createdBy: actorOf(request) });
    return reply.code(201).send({ ...presentToken(token), token: secret });
  });

  app.delete('/api/tokens/:id', {
    config: { role: 'admin' },
    schema: { tags: ['accounts'], summary: 'Revoke an API token (admin)', params: z.object({ id: z.coerce.number().int().positive() }) },
  }, async (request) => {
    const token = await revokeToken(store, request.params.id, actorOf(request));
    auth.forget(token.id);
    return presentToken(token);
  });
}
