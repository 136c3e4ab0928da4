// `report --add-missing`: after the author's own document, the standard sections it does not have
// (a register for issues no table of theirs can hold, a standup, phases, checklists, KPIs, risks,
// teams, escalation, actions), each only when the store has something to put in it.
import type { DocumentSource, IssueDoc } from '../domain/document.js';
import { finish } from './render-audit.js';
import * as part from './render-sections.js';
import type { ReportKind, ReportModel } from './report-model.js';

export function addMissing(markdown: string, model: ReportModel, source: DocumentSource, homeless: readonly IssueDoc[], kind: ReportKind): string {
  const doc = model.document;
  const has = new Set(source.kinds);
  const out: string[] = [];
  if (homeless.length > 0) {
    const sub: ReportModel = { ...model, document: { ...doc, issues: [...homeless] } };
    out.push(`## ${has.has('register') ? 'Issues added since import' : part.REGISTER_SECTION}`, '', ...part.register(sub, 3));
  }
  if (!has.has('standup')) out.push(...part.standup(model, 2, kind === 'roadmap' ? '📈 STANDUP' : '📈 Standup Status'));
  if (!has.has('phases') && doc.phases.length > 0) out.push('## 🚦 RESOLUTION PLAN', '', ...part.phases(model, 3, '', false, true));
  if (!has.has('checklists') && doc.checklists.length > 0) out.push(...part.checklists(model, 2, () => ''));
  if (!has.has('kpis')) out.push(...part.kpiTable(model, 2));
  if (!has.has('risks') && doc.risks.length > 0) out.push('## ⚠️ RISKS', '', ...part.risks(model, 3));
  if (!has.has('teams') && doc.teams.length > 0) out.push('## 👥 TEAMS', '', ...part.teams(model), '');
  if (!has.has('escalation') && doc.escalation.length > 0) out.push('## 📞 ESCALATION', '', ...part.escalation(model, 3));
  if (!has.has('actions') && doc.actions.some((a) => a.kind === 'action')) out.push('## ⚡ IMMEDIATE ACTIONS', '', ...part.actions(model, 3));
  if (out.length === 0) return markdown;
  return `${markdown.replace(/\s*$/, '')}\n\n${finish(out)}`;
}
