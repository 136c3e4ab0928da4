// Escalation's part of /metrics, read from the store so every replica reports the same:
// punchlist_sla_breaches{project,level} (issues still open past a level's window) and
// punchlist_escalations_total{level,channel,outcome} (deliveries by how they ended so far).
import { Gauge, type Registry } from 'prom-client';
import type { Store } from '../domain/ports.js';
import type { MetricsHook } from './metrics.js';

export const escalationMetrics: MetricsHook = (registry: Registry, store: Store) => {
  new Gauge({
    name: 'punchlist_sla_breaches',
    help: 'Escalation levels breached by issues still open (one per issue and level)',
    labelNames: ['project', 'level'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const project of await store.projects.list().catch(() => [])) {
        const { breaches } = await store.escalations.tallies(project.id);
        for (const b of breaches) this.set({ project: project.key, level: String(b.level) }, b.count);
      }
    },
  });
  new Gauge({
    name: 'punchlist_escalations_total',
    help: 'Escalation deliveries by level, channel and outcome (pending, retrying, delivered, dead)',
    labelNames: ['level', 'channel', 'outcome'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const project of await store.projects.list().catch(() => [])) {
        const { deliveries } = await store.escalations.tallies(project.id);
        for (const d of deliveries) this.inc({ level: String(d.level), channel: d.channel, outcome: d.state }, d.count);
      }
    },
  });
};
