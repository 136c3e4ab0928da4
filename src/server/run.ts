// Runs the server until the process is told to stop: the first admin on a store without
// accounts (password printed once), the event bus for the store's kind, then listen.
import type { Store } from '../domain/ports.js';
import { ensureFirstAdmin } from '../services/accounts.js';
import type { EscalationSettings } from '../services/escalation.js';
import { buildApp } from './app.js';
import { startScheduler } from './escalation-scheduler.js';
import { type EventBus, localBus, postgresBus } from './live.js';

export interface RunOptions {
  store: Store;
  postgresUrl: string | null;
  /** The SQLite path or PostgreSQL URL (children open it too). */
  storeLocation: string;
  port: number;
  host: string;
  secureCookies: boolean;
  logLevel: string;
  /** punchlist.yaml's calendar and escalation settings. */
  escalation: EscalationSettings;
  /** Sweep for escalations on a schedule (pg-boss cron on PostgreSQL, a timer on SQLite). */
  sweep: boolean;
  say(text: string): void;
}

export async function runServer(options: RunOptions): Promise<void> {
  const { store } = options;
  const admin = await ensureFirstAdmin(store);
  if (admin) {
    options.say(`punchlist: created the first account: ${admin.name} / ${admin.password}`);
    options.say('punchlist: this password is shown once; change it, or add people with `punchlist user add NAME --role …`');
  }
  const bus: EventBus = options.postgresUrl ? await postgresBus(options.postgresUrl) : localBus();
  const app = await buildApp({
    store,
    bus,
    storeLocation: options.storeLocation,
    logger: { level: options.logLevel },
    secureCookies: options.secureCookies,
    escalation: options.escalation,
    watchStoreMs: 1_000,
    // At 1M issues the first read of the state takes seconds: done before the port opens, so
    // neither /readyz nor any /metrics scrape comes before it.
    warmMetrics: true,
  });
  const address = await app.listen({ port: options.port, host: options.host });
  const scheduler = options.sweep ? await startScheduler({ store, settings: options.escalation, postgresUrl: options.postgresUrl, log: app.log }) : null;
  options.say(`punchlist: serving ${store.location} at ${address} (API docs at ${address}/api/docs)`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await scheduler?.stop();
  await app.close();
}
