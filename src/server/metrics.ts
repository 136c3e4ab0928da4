// /metrics for Prometheus: the remediation state (from counts, cached briefly so a scrape every
// few seconds from several Prometheus servers reads the store once), plus HTTP and process
// metrics. Escalation registers its SLA metrics through `MetricsHook`.
import { Counter, Gauge, Histogram, type Registry, collectDefaultMetrics, Registry as PromRegistry } from 'prom-client';
import type { Store } from '../domain/ports.js';
import { AGE_BOUNDS, type ProjectState, storeState } from '../services/monitoring.js';
import type { App } from './types.js';

/** Lets other parts of the server (escalation's SLA breaches) add their own metrics. */
export type MetricsHook = (registry: Registry, store: Store) => void;

const CACHE_MS = 10_000;
/** How long the state may be kept while the store does not change (the ages still move). */
const AGES_MS = 60_000;

export interface Metrics {
  registry: Registry;
  observeIngest(seconds: number, findings: number): void;
  /** Reads the state now (a failure is kept as punchlist_store_up 0): the server does this before it listens. */
  warm(): Promise<void>;
}

export function registerMetrics(app: App, store: Store, hooks: readonly MetricsHook[] = [], ttlMs = CACHE_MS): Metrics {
  const registry = new PromRegistry();
  collectDefaultMetrics({ register: registry, prefix: 'punchlist_' });

  // Stale-while-revalidate: a scrape answers from the last state read and, when that is older
  // than the TTL, starts one background read for the next scrape. Only the first scrape after
  // start waits for the store, so /metrics stays fast however large the store is; what it says
  // is at most TTL + one read old (the read's own duration is punchlist_state_collect_seconds).
  // `punchlist serve` reads it once before listening (warm), so in a server no scrape waits.
  // A refresh first reads the store's change mark: when no write committed since the last read
  // and that read is younger than AGES_MS, the state is still true but for the open-issue ages,
  // which move with the clock alone (the smallest age bucket is an hour), so it is kept as it is
  // — at 1M issues a read costs PostgreSQL seconds of CPU, a mark read one round trip.
  let current: { at: number; readAt: number; mark: string; state: ProjectState[] } | null = null;
  let pending: Promise<ProjectState[]> | null = null;
  let storeFailed = false; // the last read of the store failed: punchlist_store_up 0
  const refresh = (): Promise<ProjectState[]> => {
    if (!pending) {
      const started = performance.now();
      const at = Date.now();
      pending = (async () => {
        const mark = await store.changeMark();
        if (current && mark === current.mark && at - current.readAt < AGES_MS) {
          current = { ...current, at };
          return current.state;
        }
        const state = await storeState(store);
        current = { at, readAt: at, mark, state };
        collectSeconds.set((performance.now() - started) / 1000);
        return state;
      })()
        .then(
          (state) => {
            storeFailed = false;
            return state;
          },
          (error: unknown) => {
            storeFailed = true;
            throw error;
          },
        )
        .finally(() => {
          pending = null;
        });
    }
    return pending;
  };
  const state = (): Promise<ProjectState[]> => {
    if (!current) return refresh();
    if (Date.now() - current.at >= ttlMs) void refresh().catch(() => undefined);
    return Promise.resolve(current.state);
  };

  const collectSeconds = new Gauge({ name: 'punchlist_state_collect_seconds', help: 'How long reading the remediation state from the store took', registers: [registry] });
  const storeUp = new Gauge({ name: 'punchlist_store_up', help: '1 when the last read of the store for /metrics succeeded, else 0', registers: [registry] });

  new Gauge({
    name: 'punchlist_issues',
    help: 'Issues by project, severity, status and phase',
    labelNames: ['project', 'severity', 'status', 'phase'],
    registers: [registry],
    async collect() {
      this.reset();
      let states: ProjectState[];
      try {
        states = await state();
        storeUp.set(storeFailed ? 0 : 1);
      } catch {
        storeUp.set(0);
        return;
      }
      for (const s of states) {
        for (const t of s.tally) this.set({ project: s.project.key, severity: t.severity, status: t.status, phase: t.phase ?? '' }, t.count);
      }
    },
  });

  registry.registerMetric(openAgeHistogram(state));

  new Gauge({
    name: 'punchlist_gate_passed',
    help: 'Per checklist or phase used as a gate: 1 passed, 0 failing (gates held only by missing data are in punchlist_gate_unknown)',
    labelNames: ['project', 'gate'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const s of await state().catch(() => [])) {
        for (const g of s.gates) if (g.passed || g.counts.fail > 0) this.set({ project: s.project.key, gate: g.gate }, g.passed ? 1 : 0);
      }
    },
  });
  new Gauge({
    name: 'punchlist_gate_unknown',
    help: 'Gates that fail no item but lack evidence for some (1): unknown, neither passed nor failing',
    labelNames: ['project', 'gate'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const s of await state().catch(() => [])) {
        for (const g of s.gates) if (!g.passed && g.counts.fail === 0) this.set({ project: s.project.key, gate: g.gate }, 1);
      }
    },
  });
  new Gauge({
    name: 'punchlist_check_items',
    help: 'Checklist and phase items by state (pass, fail, unknown)',
    labelNames: ['project', 'checklist', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const s of await state().catch(() => [])) {
        for (const g of s.gates) for (const [st, n] of Object.entries(g.counts)) this.set({ project: s.project.key, checklist: g.gate, state: st }, n);
      }
    },
  });
  new Gauge({
    name: 'punchlist_kpi_value',
    help: 'Latest recorded value of each KPI',
    labelNames: ['project', 'kpi'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const s of await state().catch(() => [])) for (const k of s.kpis) if (k.latest !== null) this.set({ project: s.project.key, kpi: k.key }, k.latest);
    },
  });
  new Gauge({
    name: 'punchlist_kpi_target',
    help: 'Target of each KPI',
    labelNames: ['project', 'kpi'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const s of await state().catch(() => [])) for (const k of s.kpis) if (k.target !== null) this.set({ project: s.project.key, kpi: k.key }, k.target);
    },
  });
  new Gauge({
    name: 'punchlist_kpi_on_track',
    help: 'Whether each KPI meets its target: 1 on track, 0 off track (absent without data)',
    labelNames: ['project', 'kpi'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const s of await state().catch(() => [])) for (const k of s.kpis) if (k.onTrack !== null) this.set({ project: s.project.key, kpi: k.key }, k.onTrack ? 1 : 0);
    },
  });
  new Gauge({
    name: 'punchlist_ingest_runs',
    help: 'Ingest runs recorded in the store, by tool',
    labelNames: ['project', 'tool'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const s of await state().catch(() => [])) for (const r of s.runs) this.set({ project: s.project.key, tool: r.tool }, r.runs);
    },
  });
  new Gauge({
    name: 'punchlist_findings',
    help: 'Findings by tool and state (open, fixed, suppressed)',
    labelNames: ['project', 'tool', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const s of await state().catch(() => [])) for (const f of s.findings) this.set({ project: s.project.key, tool: f.tool, state: f.state }, f.count);
    },
  });

  const ingestSeconds = new Histogram({
    name: 'punchlist_ingest_duration_seconds',
    help: 'Ingests uploaded through this server, from upload received to reconciled',
    buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120],
    registers: [registry],
  });
  const ingestFindings = new Counter({ name: 'punchlist_ingest_findings_total', help: 'Findings read by ingests through this server', registers: [registry] });

  const http = new Histogram({
    name: 'punchlist_http_request_duration_seconds',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    http.observe({ method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  // Escalation (SLA breaches) and anything else registers here.
  for (const hook of hooks) hook(registry, store);

  app.get('/metrics', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => {
    return reply.type(registry.contentType).send(await registry.metrics());
  });

  return {
    registry,
    observeIngest(seconds, findings) {
      ingestSeconds.observe(seconds);
      ingestFindings.inc(findings);
    },
    // The state, then one whole rendering (escalation's own reads, code paths run once).
    async warm() {
      await refresh().catch(() => undefined);
      await registry.metrics().catch(() => undefined);
    },
  };
}

/** A histogram whose buckets come from counts in the store (not from observations). */
function openAgeHistogram(state: () => Promise<ProjectState[]>) {
  const name = 'punchlist_open_issue_age_seconds';
  const help = 'Age of open issues (since created), by project and severity';
  return {
    name,
    help,
    type: 'histogram',
    aggregator: 'sum',
    reset() {},
    async get() {
      const values: { value: number; labels: Record<string, string | number>; metricName: string }[] = [];
      for (const s of await state().catch(() => [])) {
        for (const a of s.ages) {
          const labels = { project: s.project.key, severity: a.severity };
          AGE_BOUNDS.forEach((le, i) => values.push({ metricName: `${name}_bucket`, labels: { ...labels, le }, value: a.cumulative[i] ?? 0 }));
          values.push({ metricName: `${name}_bucket`, labels: { ...labels, le: '+Inf' }, value: a.count });
          values.push({ metricName: `${name}_sum`, labels, value: a.sumSeconds });
          values.push({ metricName: `${name}_count`, labels, value: a.count });
        }
      }
      return { name, help, type: 'histogram', aggregator: 'sum', values };
    },
  } as unknown as Parameters<Registry['registerMetric']>[0];
}
