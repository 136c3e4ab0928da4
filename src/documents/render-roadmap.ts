// The executive roadmap in the shape of examples/roadmap.md: summary, immediate actions with their
// snippets, phases with steps and deliverables, targets and KPIs, risks, people and hours,
// escalation matrix, approvals and next steps. Issues appear as counts, not as rows.
import type { ReportModel } from './report-model.js';
import { closing, finish, sectionEmoji } from './render-audit.js';
import * as part from './render-sections.js';

export function renderRoadmapMarkdown(model: ReportModel, tablePlaceholders = false): string {
  const doc = model.document;
  const title = doc.project.title ?? doc.project.name;
  const out: string[] = [`# ${title}`, '', ...part.header(model, 'Date'), '---', ''];
  if (doc.actions.some((a) => a.kind === 'action')) out.push('## 🎯 IMMEDIATE ACTIONS', '', ...part.actions(model, 4), '---', '');
  out.push(...part.standup(model, 2, '📈 STANDUP'), '---', '');
  if (doc.phases.length > 0) out.push(...part.phases(model, 2, '📊 ', true, false), '---', '');
  out.push(...part.checklists(model, 2, sectionEmoji));
  out.push(...part.kpiTable(model, 2));
  if (doc.risks.length > 0) out.push('---', '', '## 🚀 RISKS', '', ...part.risks(model, 3));
  const hours = part.hoursList(model);
  if (doc.teams.length > 0 || hours.length > 0) {
    out.push('---', '', '## 📋 PEOPLE AND TIME', '');
    if (doc.teams.length > 0) out.push(`### Team (${doc.teams.length})`, '', ...part.teams(model), '');
    if (hours.length > 0) out.push('### Hours', '', ...hours, '');
  }
  if (doc.escalation.length > 0) out.push('---', '', '## 📞 ESCALATION MATRIX', '', ...part.escalation(model, 3));
  if (doc.issues.length > 0) out.push('---', '', '## 📊 ISSUE REGISTER', '', ...part.register(model, 3, tablePlaceholders));
  out.push(...part.notes(model, 2));
  out.push(...closing(model));
  return finish(out);
}
