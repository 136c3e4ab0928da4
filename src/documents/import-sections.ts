// What a heading announces. The words decide (CRITICAL, Phase 1, Targets, Escalation, Risks, Team,
// Standup); colour emoji decide a severity only when no word does. Sub-sections inherit.
import { recordPhaseLabel } from './skeleton-record.js';
import type { Severity } from '../domain/enums.js';
import { readSeverity } from '../domain/vocabulary.js';
import { addAction, isNumberedHeading } from './import-actions.js';
import type { ImportState, SectionContext } from './import-context.js';
import { addLevel, readLevel } from './import-escalation.js';
import { addPhase, isPhaseHeading, isWindowHeading, readPhaseHeading } from './import-phases.js';
import type { Section } from './markdown-tree.js';

const COLOUR_SEVERITY: ReadonlyArray<[string, Severity]> = [
  ['🔴', 'critical'],
  ['🟠', 'major'],
  ['🟡', 'medium'],
  ['🟢', 'minor'],
  ['🔵', 'minor'],
];

/** Severity named by a heading: words first (BLOCKERS, HIGH, Priority 2, P3), then colour emoji. */
export function headingSeverity(rawTitle: string, title: string): Severity | null {
  // "Priority 2", "P2", "Severity 1", "Sev 3": a ranked tier, 1 the worst.
  const priority = /\b(?:priority\s*|severity\s*|sev\s*|p)([1-4])\b/i.exec(title);
  const words = title.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  for (const word of words) {
    if (/^p[0-4]$/.test(word)) continue;
    const severity = readSeverity(word);
    if (severity) return severity;
  }
  if (priority) return (['critical', 'major', 'medium', 'minor'] as const)[Number(priority[1]) - 1] ?? null;
  return COLOUR_SEVERITY.find(([emoji]) => rawTitle.includes(emoji))?.[1] ?? null;
}

export function hasCode(section: Section): boolean {
  return section.blocks.some((b) => b.type === 'code');
}

export function classify(state: ImportState, section: Section, outer: SectionContext): SectionContext {
  const ctx: SectionContext = { ...outer, section, kind: outer.kind === 'header' ? 'generic' : outer.kind, action: null, level: null };
  // The document title's own blocks, and blocks before any heading, carry the header fields.
  if (section.heading !== null && section.path.length === 0) return { ...ctx, kind: 'header' };
  if (section.heading === null) return { ...ctx, kind: section.parent === null ? 'header' : 'root' };
  const title = section.title;
  const lower = title.toLowerCase();
  if (outer.kind === 'notes') return { ...ctx, kind: 'notes' };
  if (outer.kind === 'standup') return ctx;
  if (/^(notes|📝 notes)$/i.test(title)) return { ...ctx, kind: 'notes' };
  if (/\bstand-?ups?\b|daily status/i.test(lower)) return { ...ctx, kind: 'standup' };

  // A heading that opens a stage of work (Phase N, Week N, Day N) is a phase whatever else it names
  // ("Week 1: Governance & KPI foundation", "Day 1-2: Inventory and owners"): where it sits and what
  // it holds make it one, its other words are only hints.
  // An outline number ("3.1 Week 1 — Data safety", "3.1.1 Day 1–2: Replication") is not part of the stage.
  const bare = title.replace(/^\d+(?:\.\d+)*\.?\s+(?=\p{L})/u, '');
  const stage = isPhaseHeading(bare) || (isWindowHeading(bare) && !/\bhours?\b/i.test(lower));
  if (stage && !(isNumberedHeading(title) && (outer.inActions || hasCode(section)))) {
    const heading = readPhaseHeading(bare, section.rawTitle);
    // Inside a phase, a `Day 1-3:` heading is a step of that phase with its own window and branch.
    const parent = outer.phase ? topPhase(state, outer) : null;
    const phase = addPhase(state, heading, parent);
    if (heading.label !== null && section.heading) recordPhaseLabel(state, phase.key, phase.state, section.heading, heading.label);
    return { ...ctx, kind: 'phase', phase, severity: null };
  }
  if (/\btargets?\b|success (criteria|metrics)|\bkpis?\b|\bmetrics\b/i.test(lower)) {
    const phase = /\bphase\s*(\d+(?:\.\d+)?)/i.exec(title);
    return { ...ctx, kind: 'targets', targetPhase: phase ? `phase-${phase[1]}` : outer.targetPhase };
  }
  if (isNumberedHeading(title) && (outer.inActions || hasCode(section))) {
    return { ...ctx, kind: 'action', action: addAction(state, title, 'action') };
  }
  if (/immediate actions?|first \d+\s*(hours|hrs|days)|critical path|quick wins|action items/i.test(lower)) {
    return { ...ctx, kind: 'actions', inActions: true };
  }
  if (outer.inEscalation || /escalat|escalad|eskalation/i.test(lower)) {
    const level = readLevel(title);
    if (level) return { ...ctx, kind: 'level', inEscalation: true, level: addLevel(state, level) };
    return { ...ctx, kind: 'escalation', inEscalation: true };
  }
  if (/\brisks?\b/i.test(lower)) {
    const category = title.replace(/\b(risks?|register|log|and mitigations?|mitigations?|dependenc(?:y|ies))\b/gi, '').replace(/\s+/g, ' ').replace(/^(?:[&+,]|and\b|\s)+|(?:[&+,]|\band|\s)+$/gi, '').trim();
    return { ...ctx, kind: 'risks', inRisks: true, riskCategory: category === '' ? outer.riskCategory : category };
  }
  if (/\bteams?\b|assignments?|\bpeople\b|\bstaff|resourc|ownership|\bowners\b|(?:^|[^\p{L}])(?:équipes?|equipos?)(?![\p{L}])/iu.test(lower)) {
    return { ...ctx, kind: 'teams', inTeams: true };
  }
  const severity = headingSeverity(section.rawTitle, title);
  if (severity) return { ...ctx, kind: 'generic', severity, phase: null };
  return { ...ctx, kind: outer.kind === 'phase' ? 'phase' : 'generic' };
}

/** Steps nest one level only: a step inside a step hangs off the same top phase. */
function topPhase(state: ImportState, ctx: SectionContext) {
  const phase = ctx.phase;
  if (!phase) return null;
  const top = phase.key.split('.')[0]!;
  return state.phases.find((p) => p.key === top) ?? phase;
}

export function rootContext(section: Section): SectionContext {
  return {
    section,
    kind: 'root',
    severity: null,
    phase: null,
    targetPhase: null,
    riskCategory: null,
    action: null,
    level: null,
    inEscalation: false,
    inTeams: false,
    inActions: false,
    inRisks: false,
  };
}
