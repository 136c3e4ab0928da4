// `serve` sweeps on a schedule. On PostgreSQL the schedule is a pg-boss cron job: every replica
// runs pg-boss, pg-boss hands each tick to one of them and retries a sweep that failed; on SQLite
// (one machine) an in-process timer does. Either way the exactly-once guarantee is the store's
// unique key, not the scheduler: two sweeps at once still fire each escalation once.
import PgBoss from 'pg-boss';
import type { Store } from '../domain/ports.js';
import { createSender } from '../delivery/send.js';
import { deliverDue } from '../services/escalation-delivery.js';
import { type EscalationSettings, sweep } from '../services/escalation.js';

export const SWEEP_QUEUE = 'punchlist-escalation-sweep';

export interface Scheduler {
  /** Runs one sweep of every project now, then delivers (also what each tick does). */
  runOnce(): Promise<void>;
  stop(): Promise<void>;
}

export interface SchedulerOptions {
  store: Store;
  settings: EscalationSettings;
  postgresUrl: string | null;
  log: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

export async function startScheduler(options: SchedulerOptions): Promise<Scheduler> {
  const { store, settings, log } = options;
  const send = createSender({ timeoutMs: settings.escalation.delivery.timeoutSeconds * 1_000, smtp: settings.escalation.smtp });

  async function runOnce(): Promise<void> {
    for (const project of await store.projects.list()) {
      const result = await sweep(store, project, settings, { actor: 'escalation' });
      const fired = result.escalated.filter((e) => e.fired);
      if (fired.length > 0) log.info({ project: project.key, fired: fired.map((e) => `${e.issue}:${e.level}:${e.repeat}`) }, 'escalated');
    }
    const delivered = await deliverDue(store, settings, send);
    for (const d of delivered) log.info({ delivery: d.delivery, issue: d.issue, level: d.level, channel: d.channel, outcome: d.outcome, code: d.code, state: d.state }, 'escalation delivery');
  }

  if (options.postgresUrl !== null) {
    const boss = new PgBoss({ connectionString: options.postgresUrl, schema: 'pgboss' });
    boss.on('error', (error: Error) => log.error({ err: error.message }, 'pg-boss'));
    await boss.start();
    // singleton: one sweep active at a time across replicas (the unique key would make overlap safe, not useful).
    await boss.createQueue(SWEEP_QUEUE, { name: SWEEP_QUEUE, policy: 'singleton', retryLimit: 3, retryDelay: 5, retryBackoff: true, expireInSeconds: 600 });
    // pg-boss cron counts minutes: a sweep every N minutes (at least one).
    const minutes = Math.max(1, Math.round(settings.escalation.sweepSeconds / 60));
    await boss.schedule(SWEEP_QUEUE, minutes === 1 ? '* * * * *' : `*/${minutes} * * * *`);
    await boss.work(SWEEP_QUEUE, async () => runOnce());
    // A sweep on start, so nothing waits for the first tick; replicas starting together race
    // here, which the store's unique key settles.
    const first = runOnce().catch((error: unknown) => log.error({ err: error instanceof Error ? error.message : String(error) }, 'escalation sweep failed'));
    return {
      runOnce,
      async stop() {
        await first;
        await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
      },
    };
  }

  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return; // a slow sweep is not overlapped by the next tick
    running = runOnce()
      .catch((error: unknown) => log.error({ err: error instanceof Error ? error.message : String(error) }, 'escalation sweep failed'))
      .finally(() => (running = null));
  };
  const timer = setInterval(tick, settings.escalation.sweepSeconds * 1_000);
  timer.unref();
  tick();
  return {
    runOnce,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
