// GET /api/projects/:project/events — server-sent events for the dashboard: issue changed,
// ingest landed, gate changed, ... (see live.ts). The reply is hijacked: Fastify hands the
// socket over and this stream lives until the client goes away.
import type { Store } from '../../domain/ports.js';
import { loadProject, projectParams } from '../http.js';
import type { EventBus, LiveEvent } from '../live.js';
import type { App } from '../types.js';

const HEARTBEAT_MS = 15_000;

export function eventRoutes(app: App, store: Store, bus: EventBus): void {
  const open = new Set<() => void>();
  // Streams never end by themselves: close them when the server stops.
  app.addHook('preClose', async () => {
    for (const end of open) end();
  });
  app.get('/api/projects/:project/events', {
    config: { role: 'viewer' },
    schema: { tags: ['live'], summary: 'Server-sent events of changes in the project (text/event-stream)', params: projectParams },
  }, async (request, reply) => {
    const project = await loadProject(store, request);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.write(`retry: 3000\n: connected to ${project.key}\n\n`);
    let id = 0;
    const send = (event: LiveEvent) => raw.write(`id: ${++id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    const unsubscribe = bus.subscribe(project.key, send);
    const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    const stop = () => {
      clearInterval(heartbeat);
      unsubscribe();
      open.delete(end);
    };
    const end = () => {
      stop();
      raw.end();
    };
    open.add(end);
    request.raw.on('close', stop);
  });
}
