// Phases: headings like `Phase 1: Blockers (ACTIVE)`, `PHASE 2: CORRECTNESS`, `Week 1`, `Day 1-3:
// Migrations`, their branch, deliverables, tasks, and hour budgets written elsewhere
// (`**Phase 1**: 60 hours`).
import type { PhaseDoc } from '../domain/document.js';
import type { PhaseState } from '../domain/enums.js';
import { LIMITS } from '../domain/limits.js';
import { uniqueKey, type ImportState } from './import-context.js';
import { slug } from './inline.js';

const STATE_WORDS: ReadonlyArray<[RegExp, PhaseState]> = [
  [/^(active|current|in progress|now|ongoing|started|aktiv|activa|activo|en curso|en cours)$/i, 'active'],
  [/^(next|up next|upcoming|à venir|prochaine|nächste|als nächstes|siguiente)$/i, 'next'],
  [/^(done|complete|completed|finished|closed|erledigt|abgeschlossen|hecho|completada|completado|terminé|terminée|terminés|fait|faite)$/i, 'done'],
  [/^(planned|following|final|later|future|backlog|pending|scheduled|not started|prévu|prévue|planifié|planifiée)$/i, 'planned'],
];

const WINDOW = /^((?:week|day|sprint|month|wk|days|weeks|months|sprints|q|woche|wochen|tag|tage|monat|semana|semanas|día|dia|días|mes|semaine|semaines|jour|jours|mois)\s*\d+(?:\s*[-–—]\s*\d+)?)(?![\p{L}\p{N}])/iu;
const PHASE = /^(?:phase|fase|etapa|stage|cycle|étape|stufe|iteration)\s*(\d+(?:\.\d+)?)(?![\p{L}\p{N}])\s*[:.\-–—]?\s*/iu;
/** What a heading names after its phase or window when it is about targets, not a stage of work. */
const ONLY_TARGETS = /^(targets?|kpis?|metrics|success (criteria|metrics)|goals?)$/i;

export interface PhaseHeading {
  number: string | null;
  name: string;
  label: string | null;
  state: PhaseState;
  window: string | null;
}

export function phaseState(label: string): PhaseState | null {
  return STATE_WORDS.find(([re]) => re.test(label.trim()))?.[1] ?? null;
}

// "Phase 2 Targets" holds the targets of phase 2; "Week 1: Governance & KPI foundation" is a stage of work.
export const isPhaseHeading = (title: string): boolean => PHASE.test(title) && !ONLY_TARGETS.test(readPhaseHeading(title).name);
export const isWindowHeading = (title: string): boolean => WINDOW.test(title) && !ONLY_TARGETS.test(readPhaseHeading(title).name);

/**
 * A state written after the name, set apart by an emoji or a dash (`Foundations ✅ Complete`,
 * `Hardening — In progress`): the words of the label as the title (emoji stripped) ends with them.
 */
function trailingState(raw: string): string | null {
  const m = /(?:\p{Extended_Pictographic}\uFE0F?|\s[—–|·-])\s*(\p{L}+(?: \p{L}+){0,2})\s*$/u.exec(raw.trim());
  return m && phaseState(m[1]!) !== null ? m[1]! : null;
}

export function readPhaseHeading(title: string, raw: string = title): PhaseHeading {
  let rest = title.trim();
  let label: string | null = null;
  let window: string | null = null;
  const trailing = trailingState(raw);
  if (trailing !== null && rest.endsWith(trailing) && rest.length > trailing.length) {
    label = trailing;
    rest = rest.slice(0, -trailing.length).replace(/\s*[—–|·-]?\s*$/, '');
  }
  // Trailing parentheticals: a state label `(ACTIVE)` and/or a window `(Week 1)`.
  for (let guard = 0; guard < 3; guard++) {
    const paren = /\s*\(([^()]*)\)\s*$/.exec(rest);
    if (!paren) break;
    const inner = paren[1]!.trim();
    if (label === null && phaseState(inner) !== null) label = inner;
    else if (window === null && WINDOW.test(inner)) window = inner;
    else break;
    rest = rest.slice(0, paren.index).trim();
  }
  let number: string | null = null;
  const phase = PHASE.exec(rest);
  if (phase) {
    number = phase[1]!;
    rest = rest.slice(phase[0].length).trim();
  }
  const win = window === null ? WINDOW.exec(rest) : null;
  if (win) {
    window = win[1]!;
    rest = rest.slice(win[0].length).trim();
    // "Semaine 1 (16–20 nov.) — Stabilisation": the dates in parentheses belong to the window.
    const dates = /^\(([^()]*\d[^()]*)\)\s*(?=[:.\-–—])/.exec(rest);
    if (dates) {
      window = `${window} (${dates[1]!})`;
      rest = rest.slice(dates[0].length);
    }
    rest = rest.replace(/^\s*[:.\-–—]\s*/, '').trim();
  }
  // "Cycle 31" alone is named as written; "Phase 2" alone too.
  const named = phase ? `${phase[0].trim().replace(/\s*[:.\-–—]$/, '')}` : null;
  const name = rest !== '' ? rest : named !== null ? named : (window ?? title);
  return { number, name: name.slice(0, LIMITS.titleLength), label, state: label ? (phaseState(label) ?? 'planned') : 'planned', window };
}

export function addPhase(state: ImportState, heading: PhaseHeading, parent: PhaseDoc | null): PhaseDoc {
  const taken = (k: string) => state.phases.some((p) => p.key === k);
  let base: string;
  if (parent) {
    const siblings = state.phases.filter((p) => p.key.startsWith(`${parent.key}.`) && !p.key.slice(parent.key.length + 1).includes('.'));
    base = `${parent.key}.${siblings.length + 1}`;
  } else if (heading.number !== null) {
    base = `phase-${heading.number}`;
  } else {
    base = slug(heading.window?.replace(/\s*\([^()]*\)$/, '') ?? heading.name);
  }
  const phase: PhaseDoc = {
    key: uniqueKey(base.slice(0, LIMITS.keyLength - 4), taken),
    name: heading.name,
    order: state.phases.length,
    state: heading.state,
    label: heading.label,
    window: heading.window,
    branch: null,
    hours: null,
    deliverables: [],
    items: [],
    ...(parent ? { parent: parent.key } : {}),
  };
  state.phases.push(phase);
  return phase;
}

/** "60 hours", "40h", "12.5 hrs" → hours; anything else null. */
export function readHours(text: string): number | null {
  // A remark after the figure ("40 hours (critical path focus)") stays in the text, not the number.
  const m = /^(\d+(?:\.\d+)?)\s*(h|hr|hrs|hour|hours|std|stunden|horas|heures?)?\.?(?:\s*\([^()]*\))?$/i.exec(text.trim());
  return m ? Number(m[1]) : null;
}

/** The phase a label like "Phase 1", "Week 1" or a phase's name points at. */
export function phaseFor(state: ImportState, label: string): PhaseDoc | null {
  const l = label.trim().toLowerCase();
  const number = /^phase\s*(\d+(?:\.\d+)?)$/.exec(l);
  if (number) {
    const byKey = state.phases.find((p) => p.key === `phase-${number[1]}`);
    if (byKey) return byKey;
  }
  return (
    state.phases.find((p) => p.window?.toLowerCase() === l) ??
    state.phases.find((p) => p.window?.toLowerCase().replace(/\s*\([^()]*\)$/, '') === l) ??
    state.phases.find((p) => p.name.toLowerCase() === l) ??
    state.phases.find((p) => p.key === slug(label)) ??
    null
  );
}

/** Hour budgets are often written after the phases; they attach once every phase is known. */
export function attachHours(state: ImportState): void {
  for (const budget of state.hours) {
    let phase = phaseFor(state, budget.label);
    if (!phase) {
      const heading = readPhaseHeading(budget.label);
      phase = addPhase(state, heading, null);
    }
    phase.hours = budget.hours;
  }
}

/** The label a rendered hours list uses for a phase, read back by `phaseFor`. */
export function phaseLabel(phase: PhaseDoc): string {
  const number = /^phase-(\d+(?:\.\d+)?)$/.exec(phase.key);
  if (number) return `Phase ${number[1]}`;
  return phase.window ?? phase.name;
}
