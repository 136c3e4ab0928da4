// The state a Markdown import builds up while it walks the sections, and the small helpers every
// section reader shares (notes, unique keys, checklist items with rules).
import type { ActionDoc, CheckItem, ChecklistDoc, EscalationDoc, PhaseDoc, ProjectDocument, Slot, SourceTable } from '../domain/document.js';
import type { Severity } from '../domain/enums.js';
import { keySchema } from '../domain/document.js';
import { LIMITS } from '../domain/limits.js';
import { parseTarget } from '../rules/targets.js';
import type { ExplainEntry } from './import-explain.js';
import { slug } from './inline.js';
import type { Section } from './markdown-tree.js';

/** What a section means, inherited by its sub-sections unless they say otherwise. */
export interface SectionContext {
  section: Section;
  kind: 'root' | 'header' | 'generic' | 'notes' | 'standup' | 'targets' | 'actions' | 'action' | 'escalation' | 'level' | 'risks' | 'teams' | 'phase';
  severity: Severity | null;
  phase: PhaseDoc | null;
  /** "Phase 2 Targets" → phase-2: the phase KPIs found here belong to. */
  targetPhase: string | null;
  riskCategory: string | null;
  action: ActionDoc | null;
  level: EscalationDoc | null;
  inEscalation: boolean;
  inTeams: boolean;
  inActions: boolean;
  inRisks: boolean;
}

/** A count written in a heading or prose, kept live if it turns out to count what it says (skeleton-counts.ts). */
export interface CountCandidate {
  s: number;
  e: number;
  value: number;
  of: number | null;
  /** A tier the words name, else the tier of the section (null: every tier). */
  severity: Severity | null;
  metric: 'completed' | 'inProgress' | 'blocked' | 'open' | 'total' | null;
  /** "tasks"/"items"/"done" in a phase or checklist: a count of that list's tasks. */
  list: { l: 'phase' | 'checklist'; k: string } | null;
  issuesNamed: boolean;
  heading: boolean;
}

export interface HourBudget {
  label: string;
  hours: number;
}

/** The document being built (every section but notes, which are gathered per heading first). */
export interface ImportState extends Omit<ProjectDocument, 'version' | 'notes' | 'source'> {
  source: string;
  /** With `--explain`: what each block became and why. */
  explain?: ExplainEntry[];
  /** Spans of `source` kept as notes, as start/end pairs: what the importer did not understand. */
  noted: number[];
  /** Where the live values sit in `source` (skeleton-record.ts). */
  slots: Slot[];
  tables: SourceTable[];
  /** Kinds of section the author wrote. */
  kinds: Set<string>;
  projectKey: string;
  issueKeys: Set<string>;
  /** Notes per section, in the order sections were met. */
  notes: Map<string, string[]>;
  hours: HourBudget[];
  /** `**Mitigation**:` completes the risk read last, when that was in the same section. */
  lastRiskSection: Section | null;
  warnings: string[];
  /** Things recognised but deliberately not stored (a standup block is recomputed live). */
  computed: number;
  countCandidates?: CountCandidate[];
  /** With `--explain`: why the block just read became what it did, when its content decided (not its heading). */
  why?: string;
}

/** Says why a block was read by its content, for `--explain` (nothing without it). */
export function because(state: ImportState, why: string): void {
  if (state.explain) state.why = why;
}

export const sectionName = (section: Section): string => section.path.join(' › ');

/** Keeps `markdown` as a note; `from` (where to look for it in the source) marks its span as unread. */
export function addNote(state: ImportState, section: Section, markdown: string, from?: number): void {
  const text = markdown.replace(/\s+$/, '');
  if (text.trim() === '') return;
  const at = from === undefined ? -1 : state.source.indexOf(text, from);
  if (at >= 0) state.noted.push(at, at + text.length);
  const key = sectionName(section);
  const list = state.notes.get(key) ?? [];
  list.push(text);
  state.notes.set(key, list);
}

export function uniqueKey(base: string, taken: (key: string) => boolean): string {
  if (!taken(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken(candidate)) return candidate;
  }
}

/** A checklist item; a measurable target gets its rule, and a KPI when it measures something new. */
export function checkItem(state: ImportState, text: string, done: boolean, kpiPhase: string | null): CheckItem {
  const clipped = text.slice(0, LIMITS.titleLength * 4);
  // An issue reference ("#1412 Crash on startup") names a ticket, not a number to reach.
  const target = safeTarget(clipped.replace(/(^|\s)#\d+\b/g, '$1').trim());
  const kpi = target?.kpi;
  // A KPI whose derived key or name would not fit the document is left out; the rule stays and
  // reads "unknown" until someone defines it.
  if (kpi && keySchema.safeParse(kpi.key).success && kpi.name.length <= LIMITS.titleLength && !state.kpis.some((k) => k.key === kpi.key)) {
    state.kpis.push({ ...kpi, unit: kpi.unit?.slice(0, 50) ?? null, phase: kpiPhase?.slice(0, LIMITS.keyLength) ?? null, values: [] });
  }
  const rule = target?.rule !== undefined && target.rule.length <= 2_000 ? target.rule : null;
  return { text: clipped, done, rule, doneBy: null, doneAt: null };
}

/** A measurable target ("0 critical issues open", "90% test coverage"): it has a rule. */
export const isTarget = (text: string): boolean => safeTarget(text.replace(/(^|\s)#\d+\b/g, '$1').trim())?.rule !== undefined;

function safeTarget(text: string): ReturnType<typeof parseTarget> {
  try {
    return parseTarget(text);
  } catch {
    return null;
  }
}

export function findChecklist(state: ImportState, title: string, section: string | null): ChecklistDoc {
  const existing = state.checklists.find((c) => c.title === title && c.section === section);
  if (existing) return existing;
  const base = slug(title);
  const key = uniqueKey(base, (k) => state.checklists.some((c) => c.key === k));
  const list: ChecklistDoc = { key, title, section, items: [] };
  state.checklists.push(list);
  return list;
}
