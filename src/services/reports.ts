// Reports from the live state: the document as exported, every ruled item and KPI evaluated now.
import type { Project } from '../domain/model.js';
import type { StoreSession } from '../domain/ports.js';
import { buildReportModel, type ReportFormat, type ReportKind, type ReportModel } from '../documents/report-model.js';
import { renderReport } from '../documents/render-report.js';
import { evaluateProject } from './evaluate.js';
import { exportDocument } from './project-document.js';

export async function loadReportModel(session: StoreSession, project: Project, now = new Date()): Promise<ReportModel> {
  const [document, evaluation] = await Promise.all([exportDocument(session, project.key), evaluateProject(session, project)]);
  const items = Object.fromEntries(
    [...evaluation.items].map(([key, e]) => [key, { status: e.status, reason: e.reason, manual: e.manual }]),
  );
  const kpis = Object.fromEntries([...evaluation.kpis].map(([key, k]) => [key, { value: k.value, at: k.at, onTrack: k.onTrack }]));
  return buildReportModel(document, items, kpis, now.toISOString());
}

export async function renderProjectReport(session: StoreSession, project: Project, kind: ReportKind, format: ReportFormat): Promise<string> {
  return renderReport(kind, await loadReportModel(session, project), format);
}
