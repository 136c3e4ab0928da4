// Reports from the live state: the document as exported, every ruled item and KPI evaluated now.
import { SEVERITIES } from '../domain/enums.js';
import type { Project } from '../domain/model.js';
import type { StoreSession } from '../domain/ports.js';
import { buildReportModel, type ReportFormat, type ReportKind, type ReportModel, tierCountsFrom } from '../documents/report-model.js';
import { renderReport } from '../documents/render-report.js';
import { today } from '../domain/dates.js';
import { evaluateProject } from './evaluate.js';
import { forecastEtas } from './forecast.js';
import { loadSlaDay, loadSlaLive } from './sla-views.js';
import { exportDocument } from './project-document.js';

/**
 * The report's model. The JSON form is the whole document; Markdown and HTML (`comments: false`)
 * read only the issue columns they show: no comments, source or times.
 */
export async function loadReportModel(session: StoreSession, project: Project, now = new Date(), options: { comments?: boolean } = {}): Promise<ReportModel> {
  const [document, evaluation] = await Promise.all([
    exportDocument(session, project.key, options.comments === false ? { shown: true } : { comments: true }),
    evaluateProject(session, project),
  ]);
  const model = buildReportModel(document, itemStates(evaluation), kpiStates(evaluation), now.toISOString());
  // ETAs only for a document whose author wrote some: the forecast reads the tally and history.
  const etas = document.source?.slots.some((s) => s.t === 't') ? await forecastEtas(session, project, document.phases, today(now)) : undefined;
  return { ...model, ...(etas ? { etas } : {}), sla: await loadSla(session, project, document.escalation, now) };
}

/** Escalation per level now, and today's (in the project's time zone) breaches and escalations. */
async function loadSla(session: StoreSession, project: Project, levels: readonly { level: number }[], now: Date): Promise<ReportModel['sla']> {
  const [live, day] = await Promise.all([loadSlaLive(session, project, levels), loadSlaDay(session, project, today(now))]);
  return { live, day };
}

type Evaluation = Awaited<ReturnType<typeof evaluateProject>>;

const itemStates = (evaluation: Evaluation) =>
  Object.fromEntries([...evaluation.items].map(([key, e]) => [key, { status: e.status, reason: e.reason, manual: e.manual }]));

const kpiStates = (evaluation: Evaluation) =>
  Object.fromEntries([...evaluation.kpis].map(([key, k]) => [key, { value: k.value, at: k.at, onTrack: k.onTrack }]));

/**
 * The standup shows counts per tier, not the register: on a large project it reads the counts
 * and the blocked issues instead of exporting every issue. (Its JSON form is the whole model.)
 */
export async function loadStandupModel(session: StoreSession, project: Project, now = new Date()): Promise<ReportModel> {
  const [sections, tally, blockedByTier, evaluation] = await Promise.all([
    session.sections.load(project.id),
    session.issues.tally(project.id),
    // The standup names at most ten blocked issues per tier.
    Promise.all(SEVERITIES.map((severity) => session.issues.list(project.id, { status: ['blocked'], severity: [severity], limit: 10 }))),
    evaluateProject(session, project),
  ]);
  const blocked = blockedByTier.flat();
  const { id: _id, version: _version, createdAt: _createdAt, updatedAt: _updatedAt, ...projectDoc } = project;
  const model = buildReportModel({ version: 1, project: projectDoc, issues: [], ...sections }, itemStates(evaluation), kpiStates(evaluation), now.toISOString());
  return { ...model, tiers: tierCountsFrom(tally, blocked), sla: await loadSla(session, project, sections.escalation, now) };
}

export async function renderProjectReport(
  session: StoreSession,
  project: Project,
  kind: ReportKind,
  format: ReportFormat,
  options: { addMissing?: boolean } = {},
): Promise<string> {
  const model =
    kind === 'standup' && format !== 'json'
      ? await loadStandupModel(session, project)
      : await loadReportModel(session, project, new Date(), { comments: format === 'json' });
  return renderReport(kind, model, format, options);
}
