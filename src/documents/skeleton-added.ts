// Risks, KPIs and phases added since the import, written where the author keeps them (slot `a`):
// a row of the author's risk, KPI or schedule table in its own columns, or a phase heading after
// the last phase of the plan at the same level. Only the last such place of each kind takes them.
import type { DocumentSource, KpiDoc, PhaseDoc, RiskDoc, Slot } from '../domain/document.js';
import { cell, escStart } from './markdown-write.js';
import { itemLine } from './render-sections.js';
import type { ReportModel } from './report-model.js';

type AddedSlot = Extract<Slot, { t: 'a' }>;

const STATE_WORDS: Record<PhaseDoc['state'], string> = { active: 'In progress', next: 'Next', planned: 'Not started', done: 'Complete' };

export function addedToSection(model: ReportModel, source: DocumentSource, slot: AddedSlot): string {
  const last = source.slots.reduce((n, s) => (s.t === 'a' && s.w === slot.w ? Math.max(n, s.n) : n), 0);
  if (slot.n !== last) return '';
  const doc = model.document;
  if (slot.w === 'risk') return doc.risks.slice(slot.n).map((r, j) => `\n${row(slot.c, (role) => riskCell(r, role), j)}`).join('');
  if (slot.w === 'kpi') return doc.kpis.slice(slot.n).map((k, j) => `\n${row(slot.c, (role) => kpiCell(model, k, role), j)}`).join('');
  const added = doc.phases.filter((p) => !p.parent).slice(slot.n);
  if (slot.p !== undefined) return added.map((p) => phaseSection(model, source, slot.p!, p)).join('');
  return added.map((p, j) => `\n${row(slot.c, (role) => phaseCell(source, p, role), j)}`).join('');
}

/** A row in the table's columns; a numbering column (`R1`, `R2`) goes on from its last number. */
function row(roles: readonly (string | null)[], value: (role: string | null) => string | null, j: number): string {
  return `| ${roles.map((role) => {
    const seq = role === null ? null : /^#(\D*)(\d+)$/.exec(role);
    return seq ? `${seq[1]}${Number(seq[2]) + j + 1}` : cell(value(role));
  }).join(' | ')} |`;
}

function riskCell(risk: RiskDoc, role: string | null): string | null {
  switch (role) {
    case 'title':
      return risk.title;
    case 'likelihood':
      return risk.likelihood;
    case 'impact':
      return risk.impact;
    case 'mitigation':
      return risk.mitigation;
    case 'owner':
      return risk.owner;
    case 'status':
      return risk.status;
    case 'category':
      return risk.category;
    default:
      return null;
  }
}

function kpiCell(model: ReportModel, kpi: KpiDoc, role: string | null): string | null {
  const unit = kpi.unit === null ? '' : kpi.unit === '%' ? '%' : ` ${kpi.unit}`;
  switch (role) {
    case 'name':
      return kpi.name;
    case 'target':
      return kpi.target === null ? null : `${kpi.comparator === '<' || kpi.comparator === '>' ? `${kpi.comparator} ` : ''}${kpi.target}${unit}`;
    case 'value': {
      const value = model.kpis[kpi.key]?.value;
      return value === null || value === undefined ? null : `${value}${unit}`;
    }
    default:
      return null;
  }
}

/** "Stage 4: Launch" when the schedule names its stages with a word and a number, like the others. */
function stageName(source: DocumentSource, phase: PhaseDoc): string {
  const number = /^phase-(\d+(?:\.\d+)?)$/.exec(phase.key)?.[1];
  const word = stageWord(source);
  return number !== undefined && word !== null ? `${word} ${number}: ${phase.name}` : phase.name;
}

/** The word the author's phases open with ("Phase", "Stage", "Week"), from the first phase label slot's line. */
function stageWord(source: DocumentSource): string | null {
  const m = /(?:^|\n)[#|\s]*\s*(Phase|PHASE|Stage|STAGE|Cycle|Step|Étape|Fase|Etapa)\s+\d/.exec(source.markdown);
  return m ? m[1]! : null;
}

function phaseCell(source: DocumentSource, phase: PhaseDoc, role: string | null): string | null {
  switch (role) {
    case 'name':
      return stageName(source, phase);
    case 'state':
      return stateLabel(source, phase).replace(/^ \(?|\)$/g, '') || STATE_WORDS[phase.state];
    case 'hours':
      return phase.hours === null ? null : `${phase.hours} hours`;
    case 'window':
      return phase.window;
    case 'branch':
      return phase.branch;
    default:
      return null;
  }
}

/** A new phase after the plan's last one: a heading at the same level, its tasks below. */
function phaseSection(model: ReportModel, source: DocumentSource, hashes: string, phase: PhaseDoc): string {
  const lines = [`${hashes}${escStart(stageName(source, phase))}${stateLabel(source, phase)}`];
  if (phase.window !== null && !stageName(source, phase).includes(phase.window)) lines.push(`**Window**: ${phase.window}`);
  if (phase.branch !== null) lines.push(`**Branch**: \`${phase.branch}\``);
  phase.items.forEach((item, i) => lines.push(itemLine(model, 'phase', phase.key, item, i)));
  return `\n\n${lines.join('\n')}`;
}

/** The state of a new phase in the words another phase of the document used for it (`(LATER)`, `✅ Complete`). */
function stateLabel(source: DocumentSource, phase: PhaseDoc): string {
  const same = source.slots.find((s): s is Extract<Slot, { t: 'p' }> => s.t === 'p' && s.st === phase.state);
  if (!same) return '';
  const written = source.markdown.slice(same.s, same.e).replace(/^_live: |_$/g, '');
  return source.markdown[same.s - 1] === '(' ? ` (${written})` : ` ${written}`;
}
