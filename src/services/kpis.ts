// KPIs: record values over time, list each KPI against its target with the latest value.
import { keySchema } from '../domain/document.js';
import { parseInstant } from '../domain/dates.js';
import { badInput } from '../domain/errors.js';
import type { Project } from '../domain/model.js';
import type { Store, StoreSession } from '../domain/ports.js';
import type { KpiValue } from '../domain/tracking-port.js';
import { isOnTrack } from '../rules/project.js';
import type { KpiRow } from '../domain/views.js';

export type { KpiRow } from '../domain/views.js';

/** "97", "97.5", "97%", "1,5" → a number; anything else is refused. */
export function parseKpiValue(text: string): number {
  const cleaned = text.trim().replace(/%$/, '').replace(/^(\d+),(\d+)$/, '$1.$2');
  const n = Number(cleaned);
  if (cleaned === '' || !Number.isFinite(n)) throw badInput(`value: "${text}" is not a number`);
  return n;
}

/** --at: an ISO date-time, or a day (taken as noon UTC so it lands on that day everywhere). */
export function parseAt(text: string | undefined, now: () => Date = () => new Date()): string {
  return text === undefined ? now().toISOString() : parseInstant(text, '--at');
}

export async function recordKpi(
  store: Store,
  project: Project,
  input: { key: string; value: string; at?: string },
  actor: string,
): Promise<{ value: KpiValue; defined: boolean }> {
  const key = keySchema.safeParse(input.key);
  if (!key.success) throw badInput(`key: "${input.key}" is not a valid KPI key (${key.error.issues[0]?.message ?? 'invalid'})`);
  const value: KpiValue = { key: key.data, value: parseKpiValue(input.value), at: parseAt(input.at), actor };
  return store.write(async (tx) => {
    const sections = await tx.sections.load(project.id);
    await tx.tracking.recordKpiValue(project.id, value);
    await tx.events.append(project.id, [
      { actor, at: value.at, action: 'kpi.recorded', entity: 'kpi', entityKey: value.key, data: { after: { value: value.value, at: value.at } } },
    ]);
    return { value, defined: sections.kpis.some((k) => k.key === value.key) };
  });
}

export async function listKpis(session: StoreSession, project: Project): Promise<KpiRow[]> {
  const [sections, values] = await Promise.all([session.sections.load(project.id), session.tracking.kpiValues(project.id)]);
  const byKey = new Map<string, KpiValue[]>();
  for (const v of values) byKey.set(v.key, [...(byKey.get(v.key) ?? []), v]);
  const rows: KpiRow[] = sections.kpis.map((k) => {
    const history = byKey.get(k.key) ?? [];
    const latest = history[history.length - 1] ?? null;
    return {
      key: k.key,
      name: k.name,
      unit: k.unit,
      target: k.target,
      comparator: k.comparator,
      phase: k.phase,
      latest: latest?.value ?? null,
      at: latest?.at ?? null,
      onTrack: latest ? isOnTrack(latest.value, k.comparator, k.target) : null,
      history: history.length,
    };
  });
  // Values recorded for a key no KPI defines are still shown, so nothing recorded is invisible.
  for (const [key, history] of byKey) {
    if (sections.kpis.some((k) => k.key === key)) continue;
    const latest = history[history.length - 1] ?? null;
    rows.push({ key, name: key, unit: null, target: null, comparator: null, phase: null, latest: latest?.value ?? null, at: latest?.at ?? null, onTrack: null, history: history.length });
  }
  return rows;
}

export async function kpiHistory(session: StoreSession, project: Project, key: string): Promise<KpiValue[]> {
  return session.tracking.kpiValues(project.id, key);
}
