// The audit report in the shape of examples/audit.md: header, tables by severity with live
// statuses, the resolution plan, standup and teams, checklists, KPIs, risks, escalation, notes.
import { SEVERITIES } from '../domain/enums.js';
import type { ReportModel } from './report-model.js';
import * as part from './render-sections.js';

const SECTION_EMOJI: ReadonlyArray<[RegExp, string]> = [
  [/test/i, '🧪 '],
  [/observab|monitor/i, '📡 '],
  [/release|gate|deploy/i, '🚀 '],
  [/done|target|success/i, '🎯 '],
];
export const sectionEmoji = (section: string): string => SECTION_EMOJI.find(([re]) => re.test(section))?.[1] ?? '✅ ';

export function renderAuditMarkdown(model: ReportModel, tablePlaceholders = false): string {
  const doc = model.document;
  const title = doc.project.title ?? doc.project.name;
  const out: string[] = [`# 🛠️ ${title}`, '', ...part.header(model, 'Audit Date')];
  const tierNotes = part.tierNotes(model);
  if (doc.issues.length > 0 || tierNotes.size > 0) {
    out.push(`## 📊 ${part.REGISTER_SECTION}`, '', ...part.register(model, 3, tablePlaceholders, tierNotes));
  }
  if (doc.phases.length > 0) out.push('## 🚦 RESOLUTION PLAN', '', ...part.phases(model, 3, '', false, true));
  out.push('## 📈 PROGRESS', '', ...part.standup(model, 3, 'Standup Status'));
  if (doc.teams.length > 0) out.push('### Team Assignments', '', ...part.teams(model), '');
  out.push(...part.checklists(model, 2, sectionEmoji));
  out.push(...part.kpiTable(model, 2));
  if (doc.risks.length > 0) out.push('## ⚠️ RISKS', '', ...part.risks(model, 3));
  if (doc.escalation.length > 0) out.push('## 📞 ESCALATION', '', ...part.escalation(model, 3));
  if (doc.actions.some((a) => a.kind === 'action')) out.push('## ⚡ IMMEDIATE ACTIONS', '', ...part.actions(model, 3));
  out.push(...part.notes(model, 2, new Set(tierNotes.values())));
  out.push(...closing(model));
  return finish(out);
}

/** After the closing rule: approvals and other lists without a section, next steps, the stamp. */
export function closing(model: ReportModel): string[] {
  const loose = part.looseChecklists(model);
  const steps = part.nextSteps(model);
  return loose.length + steps.length > 0 ? ['---', '', ...loose, ...steps] : [];
}

export function finish(lines: string[]): string {
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

export const severityOrder = SEVERITIES;
