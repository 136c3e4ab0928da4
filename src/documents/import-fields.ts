// Field lines inside paragraphs and list items: the header (`**Owner**:`), risks and their
// mitigations, a phase's branch/window/hours/deliverables, an escalation level's contact and
// resolution. Each returns true when it claimed the line.
import { LIMITS } from '../domain/limits.js';
import type { ImportState, SectionContext } from './import-context.js';
import { addLevel, readLevel, severitiesIn, splitContacts } from './import-escalation.js';
import { readHours } from './import-phases.js';
import { addTeam } from './import-teams.js';
import { labelIs, type InlineLine, type SourcedLine } from './inline.js';
import { recordEta, recordHeaderField } from './skeleton-record.js';
import { parseEtaDay } from './eta-dates.js';

const HEADER_FIELDS: ReadonlyArray<[RegExp, 'owner' | 'date' | 'status' | 'summary']> = [
  // Whoever the header names as leading the work owns the project: "Lead Engineer", "Launch commander", …
  [/^(owner|audit owner|project owner|prepared by|accountable|author|(?:tech(?:nical)? |engineering |project |release )?lead(?: engineer)?|launch commander|dri|verantwortlich|responsable)$/i, 'owner'],
  [/^(date|audit date|report date|review date|launch date|as of|last (?:revised|updated|reviewed)|revised|updated|datum|stand|fecha)$/i, 'date'],
  [/^(status|state|overall|overall status|audit status|rag(?: status)?|health|estado|état|etat|statut)$/i, 'status'],
  [/^(executive summary|summary|overview)$/i, 'summary'],
];

/** An ETA: when the author says a phase or the project will be done; a report shows the forecast's. */
export const ETA_LABEL =
  /^(eta|target date|target completion|expected completion|done by|finish by|due|due date|deadline|go[- ]live(?: date)?|release date|ship date|mise en production prévue|date cible|échéance|fecha objetivo|fecha prevista|zieltermin|fertig bis)$/i;

/** A label the header reads as the project's owner, date, status or summary. */
export const isHeaderLabel = (label: string): boolean => HEADER_FIELDS.some(([re]) => re.test(label.trim()));

const HEADER_LIMITS = { owner: LIMITS.ownerLength, date: 100, status: LIMITS.titleLength, summary: LIMITS.textLength };

/** Returns a pending label when the paragraph is only `**Label**:` announcing the next list. */
export function readFieldLine(state: ImportState, ctx: SectionContext, line: SourcedLine): boolean {
  const { label, value } = line;
  if (ctx.kind === 'header' && label !== null && value !== '') {
    // `**Team**: Platform squad (3-4 developers)`: the team, with its size kept as its note.
    if (/^(team|squad|crew)$/i.test(label)) {
      const size = /^(.*?)\s*\(([^()]*)\)\s*$/.exec(value);
      addTeam(state, { ...line, label: (size ? size[1]! : value) || label, value: size ? size[2]! : '' });
      return true;
    }
    const field = HEADER_FIELDS.find(([re]) => re.test(label))?.[1];
    if (field && state.project[field] === null) {
      // "Author: Elena Petrova · Reviewed by: Infra guild": the field ends where the next begins.
      // A report's live value (`_live: Fixing P1s_`) is read as the value itself.
      const written = value.split(/\s+[·|]\s+/)[0]!.replace(/^live: (.*)$/, (all, inner: string) => (line.nodes.some((n) => n.type === 'emphasis') ? inner : all));
      state.project[field] = written.slice(0, HEADER_LIMITS[field]);
      if (field !== 'summary') recordHeaderField(state, field, line.nodes, state.project[field]);
      return true;
    }
  }
  if ((ctx.kind === 'header' || ctx.phase) && label !== null && value !== '' && ETA_LABEL.test(label.trim())) {
    // A report's live ETA (`_live: 2026-12-22_`, `_live: done_`) is read back as what it says.
    const live = line.nodes.some((n) => n.type === 'emphasis') ? /^live: (.*)$/.exec(value)?.[1] : undefined;
    if ((live !== undefined || parseEtaDay(value) !== null) && recordEta(state, ctx.kind === 'header' ? null : (ctx.phase?.key ?? null), line.nodes, live ?? value)) return true;
  }
  if (labelIs(label, /^risks?$/i) && value !== '') {
    state.lastRiskSection = ctx.section;
    state.risks.push({
      title: value.slice(0, LIMITS.titleLength * 4),
      category: ctx.riskCategory?.slice(0, 100) ?? null,
      mitigation: null,
      likelihood: null,
      impact: null,
      owner: null,
      status: 'open',
    });
    return true;
  }
  const risk = state.lastRiskSection === ctx.section ? state.risks[state.risks.length - 1] : undefined;
  if (risk && label !== null && value !== '') {
    if (/^mitigations?$/i.test(label) && risk.mitigation === null) return set(() => (risk.mitigation = value.slice(0, LIMITS.textLength)));
    if (/^likelihood|probability$/i.test(label) && risk.likelihood === null) return set(() => (risk.likelihood = value.slice(0, 50)));
    if (/^impact$/i.test(label) && risk.impact === null) return set(() => (risk.impact = value.slice(0, 50)));
    if (/^owner$/i.test(label) && risk.owner === null) return set(() => (risk.owner = value.slice(0, LIMITS.ownerLength)));
    if (/^status$/i.test(label) && risk.status === 'open') return set(() => (risk.status = value.slice(0, 50)));
  }
  if (ctx.phase && label !== null && value !== '') {
    const phase = ctx.phase;
    if (/^(branch|branche|rama|zweig)$/i.test(label) && phase.branch === null) return set(() => (phase.branch = value.slice(0, 500)));
    if (/^(window|timeline|duration|when|dates)$/i.test(label) && phase.window === null) return set(() => (phase.window = value.slice(0, 200)));
    if (/^(hours|budget|hours budget|effort)$/i.test(label) && readHours(value) !== null && phase.hours === null) {
      return set(() => (phase.hours = readHours(value)));
    }
    if (/^deliverables?$/i.test(label)) return set(() => phase.deliverables.push(value.slice(0, 2_000)));
  }
  if (ctx.inEscalation) {
    const level = readLevel(line.text);
    if (level) {
      ctx.level = addLevel(state, level);
      return true;
    }
    if (ctx.level && readLevelField(ctx, line)) return true;
  }
  return false;
}

const set = (apply: () => unknown): true => {
  apply();
  return true;
};

export function readLevelField(ctx: SectionContext, line: InlineLine): boolean {
  const level = ctx.level;
  if (!level || line.label === null || line.value === '') return false;
  if (/^contacts?|owners?|notify$/i.test(line.label) && level.contacts.length === 0) {
    level.contacts = splitContacts(line.value);
    return true;
  }
  if (/^(resolution|action|response)$/i.test(line.label) && level.resolution === null) {
    level.resolution = line.value.slice(0, 2_000);
    return true;
  }
  if (/^scope$/i.test(line.label) && level.scope === null) {
    level.scope = line.value.slice(0, 2_000);
    level.severities = severitiesIn(line.value);
    return true;
  }
  return false;
}

