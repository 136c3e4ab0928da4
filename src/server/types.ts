// What the server adds to Fastify's request and route options: who is calling, and the role
// each route needs. Every /api route declares `config.role` (or `config.public`), checked at
// registration (see app.ts), so no route can be added without saying who may call it.
import type { FastifyInstance, FastifyBaseLogger, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type {} from '@fastify/cookie';
import type {} from '@fastify/multipart';
import type { Role } from '../domain/accounts-port.js';

export interface Principal {
  /** The name written to the event log as the actor of every change. */
  actor: string;
  role: Role;
  via: 'token' | 'session';
  /** For cookie sessions: the token an unsafe request must echo in `x-csrf-token`. */
  csrfToken?: string;
  tokenId?: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** The least role that may call the route. */
    role?: Role;
    /** Callable without credentials (login, health, metrics, documentation). */
    public?: boolean;
  }
}

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;
