// The server as a function: `buildApp({ store })` gives a Fastify instance ready for
// `app.inject` in tests or `app.listen` in `punchlist serve`. Everything a request goes
// through is registered here, in order: rate limit → auth → validate → handler → presenter,
// with one error handler at the end.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyServerOptions, LogController } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Role } from '../domain/accounts-port.js';
import type { Store } from '../domain/ports.js';
import { createAuthenticator, registerAuth } from './auth.js';
import { errorHandler } from './errors.js';
import { type EventBus, localBus } from './live.js';
import type { EscalationSettings } from '../services/escalation.js';
import { defaultEscalationSettings } from '../services/escalation.js';
import { escalationMetrics } from './escalation-metrics.js';
import { type MetricsHook, registerMetrics } from './metrics.js';
import { watchStore } from './store-watch.js';
import { accountRoutes } from './routes/accounts.js';
import { backupRoutes } from './routes/backup.js';
import { checkRoutes } from './routes/checks.js';
import { documentRoutes } from './routes/documents.js';
import { escalationRoutes } from './routes/escalations.js';
import { eventRoutes } from './routes/events.js';
import { ingestRoutes } from './routes/ingest.js';
import { UPLOAD_LIMITS } from './uploads.js';
import { issueRoutes } from './routes/issues.js';
import { kpiRoutes } from './routes/kpis.js';
import { planRoutes } from './routes/plan.js';
import { webReadRoutes } from './routes/web-reads.js';
import { projectRoutes } from './routes/projects.js';
import { systemRoutes } from './routes/system.js';
import { timeRoutes } from './routes/time.js';
import type { App } from './types.js';

export interface AppOptions {
  store: Store;
  /** Live events; on PostgreSQL pass `postgresBus(url)` so every replica sees every change. */
  bus?: EventBus;
  /** pino options, or false for silence (tests). */
  logger?: FastifyServerOptions['logger'];
  /** The built web dashboard (index.html + assets); served at `/` when it exists. */
  webDir?: string | null;
  /** Set the Secure flag on cookies (behind HTTPS). */
  secureCookies?: boolean;
  /** Largest JSON body, bytes (uploads have their own limits). */
  bodyLimit?: number;
  /** The store's path or URL, for work done in a child process (ingest); null for in-memory. */
  storeLocation?: string | null;
  /** Largest backup POST /api/restore accepts, in bytes (default 1 GiB). */
  restoreMaxBytes?: number;
  /** Extra /metrics (escalation's SLA breaches). */
  metricsHooks?: readonly MetricsHook[];
  /** How old the remediation state /metrics answers from may get before a scrape refreshes it (default 10 s). */
  metricsTtlMs?: number;
  /** Read the state /metrics reports before returning, so no scrape waits for the store (serve). */
  warmMetrics?: boolean;
  /** Watch the store for changes made by other processes (the CLI) and publish them live, every this many ms. */
  watchStoreMs?: number;
  /** punchlist.yaml's calendar and escalation (clocks, channels); every default when absent. */
  escalation?: EscalationSettings;
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

export interface RouteInfo {
  method: string;
  url: string;
  role: Role | null;
  public: boolean;
  /** Whether the route reads a body (a schema for it, or an upload). */
  body: boolean;
}

const ROUTES = new WeakMap<object, RouteInfo[]>();

/** Every route the app registered, with the role it needs: the role × route test walks this. */
export const routesOf = (app: App): RouteInfo[] => ROUTES.get(app) ?? [];

export async function buildApp(options: AppOptions): Promise<App> {
  const { store } = options;
  const watch = options.watchStoreMs ? await watchStore(store, options.bus ?? localBus(), options.watchStoreMs) : null;
  const bus = watch?.bus ?? options.bus ?? localBus();
  const app = Fastify({
    logger: options.logger ?? false,
    // Our own onResponse hook writes the one line per request (with the actor).
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();
  if (watch) app.addHook('onClose', () => watch.stop());

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  // No /api route without a declared role: a route added later cannot be open by accident.
  const routes: RouteInfo[] = [];
  ROUTES.set(app, routes);
  app.addHook('onRoute', (route) => {
    const url = route.url;
    if (url.startsWith('/api/docs')) return;
    const config = (route.config ?? {}) as { role?: Role; public?: boolean };
    if (url.startsWith('/api/') && !config.public && !config.role) throw new Error(`route ${route.method} ${url} declares no role (config.role or config.public)`);
    for (const method of [route.method].flat()) {
      const body = Boolean(route.schema?.body) || Boolean(route.schema?.consumes);
      if (method !== 'HEAD') routes.push({ method, url, role: config.role ?? null, public: Boolean(config.public), body });
    }
  });

  // One structured line per request: id, actor, route, status, duration.
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        actor: request.principal?.actor ?? null,
        method: request.method,
        route: request.routeOptions.url ?? null,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request',
    );
  });

  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifyMultipart, { limits: UPLOAD_LIMITS });
  // Security headers only on HTML pages (the dashboard): on JSON they only cost throughput.
  await app.register(fastifyHelmet, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'punchlist API', version: '0.1.0', description: 'The live pre-launch audit: see docs/api.md' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: 'pl_session' } } },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  const auth = createAuthenticator(store);
  registerAuth(app, auth);

  // Every route of the API, one file per resource (see docs/api.md).
  const metrics = registerMetrics(app, store, [...(options.metricsHooks ?? []), escalationMetrics], options.metricsTtlMs);
  systemRoutes(app, store, () => app.swagger());
  accountRoutes(app, store, auth, { secureCookies: options.secureCookies ?? false });
  projectRoutes(app, store, bus);
  issueRoutes(app, store, bus);
  checkRoutes(app, store, bus);
  kpiRoutes(app, store, bus);
  planRoutes(app, store, bus);
  timeRoutes(app, store);
  documentRoutes(app, store, bus);
  backupRoutes(app, store, bus, { storeLocation: options.storeLocation ?? null, maxBytes: options.restoreMaxBytes ?? UPLOAD_LIMITS.fileSize });
  ingestRoutes(app, store, bus, options.storeLocation ?? null, metrics);
  eventRoutes(app, store, bus);
  // Reads only the dashboard asks for: an issue's findings, the daily snapshots (web-reads.ts).
  webReadRoutes(app, store);
  const escalation = options.escalation ?? defaultEscalationSettings();
  escalationRoutes(app, store, () => escalation);

  await registerWeb(app, options.webDir === undefined ? defaultWebDir() : options.webDir);
  if (options.warmMetrics) await metrics.warm();
  app.addHook('onClose', async () => bus.close());
  return app;
}

const defaultWebDir = (): string | null => {
  const dir = join(process.cwd(), 'web', 'dist');
  return existsSync(join(dir, 'index.html')) ? dir : null;
};

/** The dashboard's files at `/`, and index.html for any other non-API GET (client routing). */
async function registerWeb(app: App, dir: string | null): Promise<void> {
  const apiNotFound = (url: string) => ({ ok: false as const, error: 'not_found', message: `no route ${url.split('?')[0]}` });
  if (!dir) {
    app.setNotFoundHandler((request, reply) => reply.code(404).send(apiNotFound(`${request.method} ${request.url}`)));
    return;
  }
  await app.register(fastifyStatic, { root: dir, prefix: '/', wildcard: true, index: ['index.html'] });
  app.addHook('onSend', async (request, reply, payload) => {
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.startsWith('text/html') && !request.url.startsWith('/api/')) void reply.helmet();
    return payload;
  });
  app.setNotFoundHandler((request, reply) => {
    if (request.method === 'GET' && !request.url.startsWith('/api/') && request.headers.accept?.includes('text/html')) {
      return reply.type('text/html').sendFile('index.html', { maxAge: 0 });
    }
    return reply.code(404).send(apiNotFound(`${request.method} ${request.url}`));
  });
}
