// Changes made beside the server — the CLI, a scheduled `punchlist ingest`, another tool on the
// same store — reach the dashboard's live events too. Every interval the server compares the
// store's change mark (Store.changeMark: one cheap read) and, when it moved, reads the event log
// past the last id it has seen and publishes what it finds. Changes this server made were
// published as they happened: an event for a (project, type, key) this server published within
// the last few intervals is not sent again. More than MAX_PER_TICK events of one project in one
// interval (an import, an ingest) go out as one project.changed with their count.
import type { AuditEvent } from '../domain/model.js';
import type { Store } from '../domain/ports.js';
import type { EventBus, LiveEvent } from './live.js';

const MAX_PER_TICK = 50;
const READ_LIMIT = 5_000;

export interface StoreWatch {
  /** The bus to publish through, so the watcher knows what this server said itself. */
  bus: EventBus;
  stop(): Promise<void>;
}

export async function watchStore(store: Store, inner: EventBus, intervalMs: number): Promise<StoreWatch> {
  const recent = new Map<string, number>(); // (project, type, key) → when this server published it
  const remember = (project: string, type: string, key: string | undefined) => recent.set(`${project}\0${type}\0${key ?? ''}`, Date.now());
  const bus: EventBus = {
    publish(event) {
      remember(event.project, event.type, event.key);
      inner.publish(event);
    },
    subscribe: (project, listener) => inner.subscribe(project, listener),
    close: () => inner.close(),
  };

  let last = await store.events.lastId();
  let mark = await store.changeMark();
  const keys = new Map<number, string>();
  const projectKey = async (id: number): Promise<string | undefined> => {
    if (!keys.has(id)) for (const p of await store.projects.list()) keys.set(p.id, p.key);
    return keys.get(id);
  };

  const liveOf = (e: AuditEvent, project: string): Omit<LiveEvent, 'at'> => {
    const data = { action: e.action, actor: e.actor, entity: e.entity, via: 'store' };
    if (e.action === 'store.restored') return { project, type: 'data.replaced', data };
    if (e.entity === 'issue' && e.entityKey) {
      return { project, type: e.action === 'issue.deleted' ? 'issue.deleted' : 'issue.changed', key: e.entityKey, data };
    }
    return { project, type: 'project.changed', ...(e.entityKey ? { key: e.entityKey } : {}), data };
  };

  async function tick(): Promise<void> {
    const now = await store.changeMark();
    if (now === mark) return;
    mark = now;
    const events = await store.events.since(last, READ_LIMIT);
    if (events.length === 0) return;
    last = events[events.length - 1]!.id;
    keys.clear(); // a restore or a delete may have given an id another key
    const cutoff = Date.now() - intervalMs * 3;
    for (const [k, at] of recent) if (at < cutoff) recent.delete(k);
    const byProject = new Map<number, AuditEvent[]>();
    for (const e of events) byProject.set(e.projectId, [...(byProject.get(e.projectId) ?? []), e]);
    for (const [id, list] of byProject) {
      const project = await projectKey(id);
      if (project === undefined) continue;
      const all = list.map((e) => liveOf(e, project)).filter((e) => !recent.has(`${project}\0${e.type}\0${e.key ?? ''}`));
      // A restore is always said as such, however many rows came with it.
      for (const e of all) if (e.type === 'data.replaced') inner.publish(e);
      const fresh = all.filter((e) => e.type !== 'data.replaced');
      if (fresh.length > MAX_PER_TICK) {
        inner.publish({ project, type: 'project.changed', data: { changes: fresh.length, via: 'store' } });
      } else {
        for (const e of fresh) inner.publish(e);
      }
    }
    if (events.length === READ_LIMIT) mark = ''; // more to read: look again next tick
  }

  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    running ??= tick()
      .catch(() => undefined) // the store is away for a moment: /readyz says so; try again next tick
      .finally(() => (running = null));
  }, intervalMs);
  timer.unref();
  return {
    bus,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
