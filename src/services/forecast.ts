// Per phase, when its work is expected to be done: Monte Carlo over the project's observed
// daily closures, against the phase window. Phases are taken in order, so a phase is done when
// the open issues of it and of every phase before it are closed.
import { SEVERITIES, isOpenStatus } from '../domain/enums.js';
import { notFound } from '../domain/errors.js';
import { today as todayInZone } from '../domain/dates.js';
import type { PhaseDoc } from '../domain/document.js';
import type { Project } from '../domain/model.js';
import type { StoreSession } from '../domain/ports.js';
import { parseLooseDay, windowEnd } from '../rules/dates.js';
import { type ForecastResult, type PerTier, type Rng, type WindowVerdict, forecast, judgeWindow, seededRng, throughputFromSnapshots } from '../rules/forecast.js';

export interface PhaseForecast {
  phase: string | null;
  name: string;
  window: string | null;
  windowEnd: string | null;
  remaining: PerTier;
  /** The remaining count includes issues of earlier phases (phases are worked in order). */
  includesEarlier: boolean;
  result: ForecastResult;
  verdict: WindowVerdict;
  /** The ETAs of this phase's own open issues, against its hours budget. */
  etas: { minutes: number; estimated: number; unestimated: number; budgetHours: number | null } | null;
}

export interface ForecastOptions {
  phase?: string;
  /** The project's phases when the caller has them already (a report): not read again. */
  phases?: readonly PhaseDoc[];
  today?: string;
  rng?: Rng;
  trials?: number;
}

export async function forecastProject(session: StoreSession, project: Project, options: ForecastOptions = {}): Promise<PhaseForecast[]> {
  const today = options.today ?? todayInZone();
  const [sections, tally, snapshots, estimates] = await Promise.all([
    options.phases ? { phases: options.phases } : session.sections.load(project.id),
    session.issues.tally(project.id),
    session.tracking.snapshots(project.id, { to: today }),
    session.tracking.openEstimates(project.id),
  ]);
  const history = throughputFromSnapshots(snapshots, today);
  const start = parseLooseDay(project.date) ?? snapshots[0]?.day ?? null;
  const rng = options.rng ?? seededRng(Date.parse(`${today}T00:00:00Z`) / 86_400_000);
  const open = tally.filter((t) => isOpenStatus(t.status));
  const remainingOf = (pred: (phase: string | null) => boolean): PerTier => {
    const r: PerTier = { critical: 0, major: 0, medium: 0, minor: 0 };
    for (const t of open) if (pred(t.phase)) r[t.severity] += t.count;
    return r;
  };
  const run = (remaining: PerTier) => forecast(history, remaining, rng, { start: today, ...(options.trials ? { trials: options.trials } : {}) });

  const phases = [...sections.phases].sort((a, b) => a.order - b.order);
  if (options.phase !== undefined) {
    const wanted = phases.find((p) => p.key.toLowerCase() === options.phase?.toLowerCase());
    if (!wanted) throw notFound(`--phase: no phase "${options.phase}"${phases.length ? ` (known: ${phases.map((p) => p.key).join(', ')})` : ''}`);
  }
  const out: PhaseForecast[] = [];
  const upTo = new Set<string>();
  for (const p of phases) {
    upTo.add(p.key);
    if (options.phase !== undefined && p.key.toLowerCase() !== options.phase.toLowerCase()) continue;
    const keys = new Set(upTo);
    const remaining = p.state === 'done' ? remainingOf(() => false) : remainingOf((ph) => ph !== null && keys.has(ph));
    const result = run(remaining);
    const end = windowEnd(p.window, start);
    const own = estimates.find((e) => e.phase === p.key);
    const etas = own ? { minutes: own.minutes, estimated: own.estimated, unestimated: own.unestimated, budgetHours: p.hours } : null;
    out.push({ phase: p.key, name: p.name, window: p.window, windowEnd: end, remaining, includesEarlier: upTo.size > 1, result, verdict: judgeWindow(result, end), etas });
  }
  if (options.phase === undefined) {
    const remaining = remainingOf(() => true);
    const result = run(remaining);
    out.push({ phase: null, name: 'All open issues', window: null, windowEnd: null, remaining, includesEarlier: false, result, verdict: judgeWindow(result, null), etas: null });
  }
  return out;
}

export const remainingTotal = (r: PerTier): number => SEVERITIES.reduce((n, s) => n + r[s], 0);

/**
 * The ETAs a report puts in place of the author's (SPEC §4): per phase key ('' for the project),
 * the forecast's p50 day, or 'done'; a phase the forecast cannot judge yet is left out.
 */
export async function forecastEtas(session: StoreSession, project: Project, phases: readonly PhaseDoc[], today?: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of await forecastProject(session, project, { phases, ...(today ? { today } : {}) })) {
    const key = f.phase ?? '';
    if (f.result.status === 'done') out[key] = 'done';
    else if (f.result.status === 'ok' && f.result.p50) out[key] = f.result.p50.date;
  }
  return out;
}
