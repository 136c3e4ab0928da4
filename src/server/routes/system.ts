// Liveness, readiness and the OpenAPI document: public, cheap, no store writes.
import type { Store } from '../../domain/ports.js';
import type { App } from '../types.js';

export function systemRoutes(app: App, store: Store, openapi: () => unknown): void {
  app.get('/healthz', { config: { public: true }, schema: { tags: ['system'], summary: 'The process is up' } }, async () => ({ ok: true }));

  app.get('/readyz', { config: { public: true }, schema: { tags: ['system'], summary: 'The store answers and its migrations are current' } }, async (_request, reply) => {
    const status = await store.ready().catch(() => ({ reachable: false, migrationsCurrent: false }));
    const ready = status.reachable && status.migrationsCurrent;
    return reply.code(ready ? 200 : 503).send({ ok: ready, store: status.reachable ? 'reachable' : 'unreachable', migrations: status.migrationsCurrent ? 'current' : 'behind' });
  });

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => openapi());
}
