// Live events per project for the dashboard (server-sent events). In one process an emitter
// carries them; on PostgreSQL every replica also LISTENs on one channel and NOTIFYs it, so a
// change made through any replica reaches the browsers connected to any other.
import { EventEmitter } from 'node:events';
import pg from 'pg';

export type LiveEventType = 'issue.changed' | 'issue.deleted' | 'ingest.landed' | 'gate.changed' | 'project.changed' | 'import.landed' | 'kpi.recorded' | 'checklist.changed' | 'project.deleted' | 'data.replaced';

export interface LiveEvent {
  project: string;
  type: LiveEventType;
  key?: string;
  version?: number;
  data?: Record<string, unknown>;
  at: string;
}

export interface EventBus {
  publish(event: Omit<LiveEvent, 'at'>): void;
  subscribe(project: string, listener: (event: LiveEvent) => void): () => void;
  close(): Promise<void>;
}

const CHANNEL = 'punchlist_events';

/** One process: an emitter. */
export function localBus(): EventBus & { deliver(event: LiveEvent): void } {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    deliver(event) {
      emitter.emit(event.project, event);
    },
    publish(event) {
      this.deliver({ ...event, at: new Date().toISOString() });
    },
    subscribe(project, listener) {
      emitter.on(project, listener);
      return () => emitter.off(project, listener);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}

/** Many replicas on one PostgreSQL: NOTIFY out, LISTEN in (our own notifications included). */
export async function postgresBus(url: string): Promise<EventBus> {
  const local = localBus();
  const listener = new pg.Client({ connectionString: url });
  const sender = new pg.Pool({ connectionString: url, max: 2 });
  sender.on('error', () => undefined);
  listener.on('error', () => undefined);
  await listener.connect();
  await listener.query(`LISTEN ${CHANNEL}`);
  listener.on('notification', (message) => {
    if (message.channel !== CHANNEL || !message.payload) return;
    try {
      local.deliver(JSON.parse(message.payload) as LiveEvent);
    } catch {
      // A payload we did not write: ignore it.
    }
  });
  return {
    publish(event) {
      const payload = JSON.stringify({ ...event, at: new Date().toISOString() });
      // NOTIFY payloads stop at 8000 bytes: big details are dropped, the event still goes.
      const safe = payload.length < 7_900 ? payload : JSON.stringify({ ...event, data: undefined, at: new Date().toISOString() });
      sender.query('select pg_notify($1, $2)', [CHANNEL, safe]).catch(() => local.deliver(JSON.parse(safe) as LiveEvent));
    },
    subscribe: (project, fn) => local.subscribe(project, fn),
    async close() {
      await local.close();
      await listener.end().catch(() => undefined);
      await sender.end().catch(() => undefined);
    },
  };
}
