// The remediation state as numbers, per project, for /metrics: issue counts, open-issue ages,
// gates and their items, KPIs against targets, ingest runs and findings. Counts only (GROUP BY
// in the store), so it costs the same at 1,000 issues as at 1,000,000.
import type { Project } from '../domain/model.js';
import type { IssueTally, StoreSession } from '../domain/ports.js';
import type { AgeBuckets } from '../domain/stats-port.js';
import type { GateResult } from '../rules/gate.js';
import { listChecks } from './checks.js';
import { type KpiRow, listKpis } from './kpis.js';

/** Upper bounds of the open-issue age buckets, seconds: 1 h, 4 h, 1 d, 2 d, 1 w, 2 w, 30 d, 90 d. */
export const AGE_BOUNDS = [3_600, 14_400, 86_400, 172_800, 604_800, 1_209_600, 2_592_000, 7_776_000] as const;

export interface ProjectState {
  project: Project;
  tally: IssueTally[];
  ages: AgeBuckets[];
  gates: GateResult[];
  kpis: KpiRow[];
  runs: { tool: string; runs: number }[];
  findings: { tool: string; state: string; count: number }[];
}

export async function projectState(session: StoreSession, project: Project, now = new Date()): Promise<ProjectState> {
  const [tally, ages, gates, kpis, runs, findings] = await Promise.all([
    session.issues.tally(project.id),
    session.stats.openIssueAges(project.id, now.toISOString(), AGE_BOUNDS),
    listChecks(session, project),
    listKpis(session, project),
    session.stats.runsByTool(project.id),
    session.stats.findingsByState(project.id),
  ]);
  return { project, tally, ages, gates, kpis, runs, findings };
}

export async function storeState(session: StoreSession, now = new Date()): Promise<ProjectState[]> {
  const projects = await session.projects.list();
  return Promise.all(projects.map((p) => projectState(session, p, now)));
}
