import { type Command, Option } from 'commander';
import { SEVERITIES, SEVERITY_LABEL } from '../../domain/enums.js';
import { badInput } from '../../domain/errors.js';
import { seededRng } from '../../rules/forecast.js';
import { type PhaseForecast, forecastProject, remainingTotal } from '../../services/forecast.js';
import type { CliContext } from '../context.js';

const VERDICT = { on_track: 'on track', at_risk: 'AT RISK', late: 'LATE', unknown: '' } as const;

function render(f: PhaseForecast): string {
  const title = f.phase ? `${f.phase} — ${f.name}` : f.name;
  // Phases are worked in order: a later phase's count includes what earlier phases leave open.
  const scope = f.includesEarlier ? ' with earlier phases' : '';
  const left = SEVERITIES.filter((s) => f.remaining[s] > 0).map((s) => `${f.remaining[s]} ${SEVERITY_LABEL[s].toLowerCase()}`);
  const head = `${title}: ${remainingTotal(f.remaining)} open${scope}${left.length ? ` (${left.join(', ')})` : ''}`;
  const r = f.result;
  const etas = etaLine(f);
  const window = f.window ? `window ${f.window}${f.windowEnd ? ` (ends ${f.windowEnd})` : ''}` : 'no window';
  if (r.status === 'done') return `${head}\n  nothing left to do`;
  if (r.status === 'insufficient') return [head, `  cannot forecast yet: ${r.reason}`, ...etas].join('\n');
  const when = (p: { date: string; days: number } | null): string => (p ? `${p.date} (${p.days} d)` : 'beyond 2 years at this pace');
  const lines = [head, `  p50 ${when(r.p50)}, p85 ${when(r.p85)} — ${window}${VERDICT[f.verdict] ? `: ${VERDICT[f.verdict]}` : ''}`];
  const tiers = SEVERITIES.flatMap((s) => (r.tiers[s] ? [`${SEVERITY_LABEL[s]} clear by ${r.tiers[s]?.p50?.date ?? '?'} (p85 ${r.tiers[s]?.p85?.date ?? '?'})`] : []));
  if (tiers.length) lines.push(`  ${tiers.join('; ')}`);
  lines.push(...etas);
  lines.push(`  from ${r.historyDays} days observed, ${r.meanPerDay} closed/day on average, ${r.trials} simulations`);
  return lines.join('\n');
}

const hours = (minutes: number): string => `${Math.round((minutes / 60) * 10) / 10} h`;

function etaLine(f: PhaseForecast): string[] {
  const e = f.etas;
  if (!e) return [];
  const open = e.estimated + e.unestimated;
  const budget = e.budgetHours === null ? '' : `; budget ${e.budgetHours} h${e.minutes / 60 > e.budgetHours ? ' — OVER BUDGET' : ''}`;
  const cover = e.unestimated ? `${e.estimated} of ${open} open issues` : `all ${open} open issues`;
  return [`  ETAs: ${hours(e.minutes)} estimated on ${cover} of this phase${budget}`];
}

const positiveInt = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw badInput(`${name}: "${v}" is not a positive whole number`);
  return n;
};

export function register(program: Command, ctx: CliContext): void {
  program
    .command('forecast')
    .option('--phase <key>', 'only this phase')
    .addOption(new Option('--seed <n>', 'fix the random seed (same seed, same forecast)').argParser(positiveInt('--seed')))
    .addOption(new Option('--trials <n>', 'Monte Carlo trials').default(2000).argParser(positiveInt('--trials')))
    .description('expected completion per phase (p50, p85) from the observed daily closures, against the phase window')
    .action(async (o: { phase?: string; seed?: number; trials: number }) => {
      const store = await ctx.store();
      const project = await ctx.project(store);
      const result = await forecastProject(store, project, {
        ...(o.phase !== undefined ? { phase: o.phase } : {}),
        ...(o.seed !== undefined ? { rng: seededRng(o.seed) } : {}),
        trials: Math.min(o.trials, 100_000),
      });
      if (ctx.json) return ctx.out.json(result);
      ctx.out.print(result.map(render).join('\n\n'));
    });
}
