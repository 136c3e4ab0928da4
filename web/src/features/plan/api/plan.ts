// The plan and its live state over the API: checklists and gates (live rule results), sign-offs,
// standup, KPIs, phases, forecast, risks, teams, escalation levels, daily snapshots.
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { EscalationDoc, PhaseDoc, RiskDoc, TeamDoc } from '../../../../../src/domain/document.ts';
import type { Severity } from '../../../../../src/domain/enums.ts';
import type { SnapshotCounts } from '../../../../../src/domain/tracking-port.ts';
import type { KpiRow, StandupReport, TeamLoad } from '../../../../../src/domain/views.ts';
import { api } from '../../../lib/api-client.ts';

export type { KpiRow, StandupReport, TeamLoad };
export type ItemStatus = 'pass' | 'fail' | 'unknown';
export interface ChecklistView {
  key: string;
  title: string;
  passed: boolean;
  counts: { pass: number; fail: number; unknown: number };
  items: { index: number; text: string; rule: string | null; status: ItemStatus; reason: string | null; fix: string | null; manual: boolean }[];
}
export interface GateView {
  gate: string;
  passed: boolean;
  allowUnknown: boolean;
  reason: string | null;
  items: { text: string; rule: string | null; status: ItemStatus; reason: string | null }[];
}
export interface SignoffView {
  checklist: string;
  item: string;
  actor: string;
  at: string;
  hash: string;
  prevHash: string | null;
}
export interface KpiPoint {
  value: number;
  at: string;
}
export interface Percentiles {
  days: number;
  date: string;
}
export interface ForecastView {
  phase: string | null;
  name: string;
  window: string | null;
  windowEnd: string | null;
  remaining: Record<Severity, number>;
  includesEarlier: boolean;
  result: { status: 'done' | 'insufficient' | 'ok'; reason?: string; historyDays?: number; meanPerDay?: number; p50?: Percentiles | null; p85?: Percentiles | null };
  verdict: 'on_track' | 'at_risk' | 'late' | 'unknown';
  etas: { minutes: number; estimated: number; unestimated: number; budgetHours: number | null } | null;
}
export interface SnapshotView {
  day: string;
  at: string;
  counts: SnapshotCounts;
}

const p = (project: string) => `/api/projects/${encodeURIComponent(project)}`;
const items = async <T,>(path: string, signal: AbortSignal) => (await api<{ items: T[] }>(path, { signal })).items;

export const checklistsQuery = (project: string) => queryOptions({ queryKey: [project, 'checklists'], queryFn: ({ signal }) => items<ChecklistView>(`${p(project)}/checklists`, signal) });
export const gatesQuery = (project: string) => queryOptions({ queryKey: [project, 'gates'], queryFn: ({ signal }) => items<GateView>(`${p(project)}/gates`, signal) });
export const signoffsQuery = (project: string) => queryOptions({ queryKey: [project, 'signoffs'], queryFn: ({ signal }) => items<SignoffView>(`${p(project)}/signoffs`, signal) });
export const verifyQuery = (project: string) =>
  queryOptions({ queryKey: [project, 'signoffs', 'verify'], queryFn: ({ signal }) => api<{ ok: boolean; [k: string]: unknown }>(`${p(project)}/signoffs/verify`, { signal }), enabled: false });
export const standupQuery = (project: string) => queryOptions({ queryKey: [project, 'standup'], queryFn: ({ signal }) => api<StandupReport>(`${p(project)}/standup`, { signal }) });
export const kpisQuery = (project: string) => queryOptions({ queryKey: [project, 'kpis'], queryFn: ({ signal }) => items<KpiRow>(`${p(project)}/kpis`, signal) });
export const kpiHistoryQuery = (project: string, kpi: string) =>
  queryOptions({ queryKey: [project, 'kpis', 'history', kpi], queryFn: ({ signal }) => items<KpiPoint>(`${p(project)}/kpis/${encodeURIComponent(kpi)}/history`, signal) });
export const forecastQuery = (project: string) => queryOptions({ queryKey: [project, 'forecast'], queryFn: ({ signal }) => items<ForecastView>(`${p(project)}/forecast`, signal) });
export const snapshotsQuery = (project: string) => queryOptions({ queryKey: [project, 'snapshots'], queryFn: ({ signal }) => items<SnapshotView>(`${p(project)}/snapshots`, signal) });
export const phasesQuery = (project: string) => queryOptions({ queryKey: [project, 'phases'], queryFn: ({ signal }) => items<PhaseDoc>(`${p(project)}/phases`, signal) });
export const risksQuery = (project: string) => queryOptions({ queryKey: [project, 'risks'], queryFn: ({ signal }) => items<RiskDoc>(`${p(project)}/risks`, signal) });
export const teamsQuery = (project: string) => queryOptions({ queryKey: [project, 'teams'], queryFn: ({ signal }) => items<TeamDoc>(`${p(project)}/teams`, signal) });
export const teamLoadQuery = (project: string) => queryOptions({ queryKey: [project, 'teams', 'load'], queryFn: ({ signal }) => items<TeamLoad>(`${p(project)}/teams/load`, signal) });
export const escalationQuery = (project: string) => queryOptions({ queryKey: [project, 'escalation'], queryFn: ({ signal }) => items<EscalationDoc>(`${p(project)}/escalation-levels`, signal) });

export function useCheckItem(project: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { list: string; index: number; action: 'tick' | 'untick' | 'approve' }) =>
      api<unknown>(`${p(project)}/checklists/${encodeURIComponent(input.list)}/items/${input.index}/${input.action}`, { method: 'POST' }),
    onSettled: () => client.invalidateQueries({ queryKey: [project] }),
  });
}

export function useRecordKpi(project: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { kpi: string; value: number }) => api<unknown>(`${p(project)}/kpis/${encodeURIComponent(input.kpi)}/values`, { method: 'POST', json: { value: input.value } }),
    onSettled: () => client.invalidateQueries({ queryKey: [project] }),
  });
}
