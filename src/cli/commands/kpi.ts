import type { Command } from 'commander';
import { kpiHistory, listKpis, recordKpi } from '../../services/kpis.js';
import type { CliContext } from '../context.js';

const fmt = (n: number | null, unit: string | null): string =>
  n === null ? '-' : `${n}${unit === '%' ? '%' : unit ? ` ${unit}` : ''}`;

export function register(program: Command, ctx: CliContext): void {
  const kpi = program.command('kpi').description('KPIs: record values, list them against their targets');

  kpi
    .command('record')
    .argument('<key>', 'the KPI key, e.g. ci_success_rate')
    .argument('<value>', 'a number (97, 97.5 or 97%)')
    .option('--at <time>', 'when it was measured: 2026-11-20 or an ISO date-time (default: now)')
    .description('record a KPI value; its history is kept')
    .action(async (key: string, value: string, o: { at?: string }) => {
      const store = await ctx.store();
      const project = await ctx.project(store);
      const r = await recordKpi(store, project, { key, value, ...(o.at ? { at: o.at } : {}) }, ctx.actor());
      if (ctx.json) return ctx.out.json({ ...r.value, defined: r.defined });
      ctx.out.print(`${r.value.key} = ${r.value.value} at ${r.value.at}`);
      if (!r.defined) ctx.out.warn(`note: no KPI "${r.value.key}" is defined in the project; rules can still read it with kpi("${r.value.key}")`);
    });

  kpi
    .command('history')
    .argument('<key>', 'the KPI key')
    .description('every recorded value of a KPI, oldest first')
    .action(async (key: string) => {
      const store = await ctx.store();
      const project = await ctx.project(store);
      const values = await kpiHistory(store, project, key);
      if (ctx.json) return ctx.out.json(values);
      if (values.length === 0) return ctx.out.print(`No values recorded for ${key} yet (punchlist kpi record ${key} VALUE).`);
      ctx.out.table(values, [
        { header: 'AT', value: (v) => v.at },
        { header: 'VALUE', value: (v) => v.value, align: 'right' },
        { header: 'BY', value: (v) => v.actor, max: 30 },
      ]);
    });

  kpi
    .command('list')
    .description('each KPI: target, phase, latest value and whether it is on track')
    .action(async () => {
      const store = await ctx.store();
      const project = await ctx.project(store);
      const rows = await listKpis(store, project);
      if (ctx.json) return ctx.out.json(rows);
      if (rows.length === 0) return ctx.out.print('No KPIs yet (targets in an imported document become KPIs).');
      ctx.out.table(rows, [
        { header: 'KEY', value: (r) => r.key },
        { header: 'NAME', value: (r) => r.name, max: 40 },
        { header: 'TARGET', value: (r) => (r.target === null ? '-' : `${r.comparator ?? '>='} ${fmt(r.target, r.unit)}`) },
        { header: 'PHASE', value: (r) => r.phase },
        { header: 'LATEST', value: (r) => fmt(r.latest, r.unit), align: 'right' },
        { header: 'AT', value: (r) => r.at?.slice(0, 16).replace('T', ' ') },
        { header: 'TRACK', value: (r) => (r.onTrack === null ? (r.latest === null ? 'no data' : '-') : r.onTrack ? 'on track' : 'OFF TRACK') },
      ]);
    });
}
