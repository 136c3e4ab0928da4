// Authentication and roles, run on every request after the rate limit and before validation:
// a bearer token (`Authorization: Bearer pl_…`) or the session cookie of a browser login.
// Cookie-authenticated writes must echo the session's CSRF token in `x-csrf-token`
// (double submit: the login answer and the readable `pl_csrf` cookie carry it).
import type { FastifyRequest } from 'fastify';
import { roleAllows } from '../domain/accounts-port.js';
import { PunchlistError } from '../domain/errors.js';
import type { Store } from '../domain/ports.js';
import { findSession, findToken, sameSecret, touchToken } from '../services/accounts.js';
import type { App, Principal } from './types.js';

export const SESSION_COOKIE = 'pl_session';
export const CSRF_COOKIE = 'pl_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
// A token looked up is trusted this long before it is looked up again: a revoked token stops
// working within this time on every replica (at once on the one that revoked it).
const CACHE_MS = 5_000;
// Last use is recorded at most this often per token, so reads stay reads.
const TOUCH_MS = 60_000;

export interface Authenticator {
  authenticate(request: FastifyRequest): Promise<Principal | null>;
  forget(tokenId?: number): void;
}

export function createAuthenticator(store: Store, now: () => number = Date.now): Authenticator {
  const cache = new Map<string, { principal: Principal | null; until: number }>();
  const touched = new Map<number, number>();

  async function viaToken(value: string): Promise<Principal | null> {
    const hit = cache.get(value);
    if (hit && hit.until > now()) return hit.principal;
    const token = await findToken(store, value);
    const principal: Principal | null = token ? { actor: token.name, role: token.role, via: 'token', tokenId: token.id } : null;
    if (cache.size > 10_000) cache.clear();
    cache.set(value, { principal, until: now() + CACHE_MS });
    return principal;
  }

  function recordUse(tokenId: number): void {
    const last = touched.get(tokenId) ?? 0;
    if (now() - last < TOUCH_MS) return;
    touched.set(tokenId, now());
    void touchToken(store, tokenId).catch(() => touched.delete(tokenId));
  }

  return {
    async authenticate(request) {
      const header = request.headers.authorization;
      if (header !== undefined) {
        const match = /^Bearer\s+(\S+)$/i.exec(header);
        if (!match) throw new PunchlistError('unauthorized', 'authorization: expected "Bearer <token>"');
        const principal = await viaToken(match[1]!);
        if (!principal) throw new PunchlistError('unauthorized', 'authorization: unknown or revoked token');
        recordUse(principal.tokenId!);
        return principal;
      }
      const cookie = request.cookies[SESSION_COOKIE];
      if (!cookie) return null;
      const found = await findSession(store, cookie);
      if (!found) return null;
      return { actor: found.user.name, role: found.user.role, via: 'session', csrfToken: found.session.csrfToken };
    },
    forget(tokenId) {
      if (tokenId === undefined) cache.clear();
      else for (const [k, v] of cache) if (v.principal?.tokenId === tokenId) cache.delete(k);
    },
  };
}

export function registerAuth(app: App, auth: Authenticator): void {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request) => {
    const config = request.routeOptions.config;
    if (config.public || config.role === undefined) {
      // Public routes still know who is calling when they can (login status, docs).
      if (request.headers.authorization !== undefined || request.cookies[SESSION_COOKIE]) {
        request.principal = await auth.authenticate(request).catch(() => null);
      }
      return;
    }
    const principal = await auth.authenticate(request);
    if (!principal) throw new PunchlistError('unauthorized', 'authentication required: send "Authorization: Bearer <token>" or log in');
    if (!roleAllows(principal.role, config.role)) {
      throw new PunchlistError('forbidden', `forbidden: this needs the ${config.role} role (you are ${principal.role})`);
    }
    if (principal.via === 'session' && !SAFE.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameSecret(sent, principal.csrfToken ?? '')) {
        throw new PunchlistError('forbidden', `csrf: send the session's CSRF token in the ${CSRF_HEADER} header`);
      }
    }
    request.principal = principal;
  });
}

/** The authenticated caller of a route that requires one (every non-public route). */
export function actorOf(request: FastifyRequest): string {
  if (!request.principal) throw new PunchlistError('unauthorized', 'authentication required');
  return request.principal.actor;
}
