// Markdown audit registers and roadmaps → the project document (SPEC §4). Pure: text in, data out.
// Tolerant by design: what it understands lands in its place, the rest is kept as notes.
import { emptyDocument, projectDocumentSchema, type DocumentSource, type NoteDoc, type ProjectDocument } from '../domain/document.js';
import { badInput } from '../domain/errors.js';
import { LIMITS } from '../domain/limits.js';
import { deriveProjectKey } from '../domain/project-key.js';
import { toBadInput } from '../domain/validate.js';
import { readBlocks } from './import-blocks.js';
import type { ImportState, SectionContext } from './import-context.js';
import { collectItems, measureCoverage, type Coverage } from './import-coverage.js';
import { explainHeading, type ExplainEntry } from './import-explain.js';
import { linkPhases } from './import-links.js';
import { collectCounts, resolveCounts } from './skeleton-counts.js';
import { attachHours } from './import-phases.js';
import { classify, rootContext } from './import-sections.js';
import { parseMarkdownTree, type Section } from './markdown-tree.js';
import { repairMojibake } from './mojibake.js';
import { recordEscalationLive, recordPlanEnd } from './skeleton-record.js';

export interface ParseOptions {
  /** Key of the project the document describes; derived from its title when absent. */
  projectKey?: string;
  projectName?: string;
  /** Record, block by block, what each became and why (`import --explain`). */
  explain?: boolean;
  /** Plain table rows from which a table takes the parser's fast lane (markdown-parse.ts); tests compare with `Infinity`. */
  fastRowsMin?: number;
}

export interface Recognised {
  issues: number;
  phases: number;
  tasks: number;
  checklists: number;
  checkItems: number;
  kpis: number;
  risks: number;
  teams: number;
  escalationLevels: number;
  actions: number;
  nextSteps: number;
  notes: number;
  /** Blocks recognised as computed (a standup) and recomputed live rather than stored. */
  computed: number;
  /** ETAs the author wrote, which a report replaces with the forecast's (not stored). */
  etas: number;
}

export interface ParsedAudit {
  document: ProjectDocument;
  /** Items (table rows, tasks, label lines) and how many became data: docs/markdown.md. */
  coverage: Coverage;
  /** With `explain`: block by block, what each became and why. */
  explain: ExplainEntry[];
  recognised: Recognised;
  notes: NoteDoc[];
  warnings: string[];
}

export function parseAuditMarkdown(markdown: string, options: ParseOptions = {}): ParsedAudit {
  const bytes = Buffer.byteLength(markdown, 'utf8');
  if (bytes > LIMITS.markdownBytes) {
    throw badInput(`markdown: ${bytes} bytes is over the ${LIMITS.markdownBytes}-byte limit for one document`);
  }
  const source = repairMojibake(markdown.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'));
  const { state, coverage } = readDocument(source, options);
  attachHours(state);
  linkPhases(state.phases, state.issues);
  resolveCounts(state);

  // Notes of the document itself come first: a report writes them straight under its Notes heading.
  const noteEntries = [...state.notes].sort(([a], [b]) => (a === '' ? -1 : 0) - (b === '' ? -1 : 0));
  const notes: NoteDoc[] = noteEntries.map(([section, parts]) => ({
    section: section.slice(0, LIMITS.titleLength * 4),
    markdown: parts.join('\n\n').slice(0, LIMITS.textLength),
  }));
  const candidate = {
    version: 1,
    project: state.project,
    issues: state.issues,
    phases: state.phases
      .slice(0, LIMITS.listItems)
      .map((p) => ({ ...p, items: p.items.slice(0, LIMITS.listItems), deliverables: p.deliverables.slice(0, LIMITS.listItems) })),
    checklists: state.checklists.slice(0, LIMITS.listItems).map((c) => ({ ...c, items: c.items.slice(0, LIMITS.listItems) })),
    kpis: state.kpis.slice(0, LIMITS.listItems),
    risks: state.risks.slice(0, LIMITS.listItems),
    teams: state.teams.slice(0, LIMITS.listItems).map((t) => ({ ...t, members: t.members.slice(0, LIMITS.listItems) })),
    escalation: state.escalation
      .sort((a, b) => a.level - b.level)
      .slice(0, LIMITS.listItems)
      .map((e) => ({ ...e, contacts: e.contacts.slice(0, LIMITS.listItems) })),
    actions: state.actions.slice(0, LIMITS.listItems),
    notes: notes.slice(0, LIMITS.listItems),
    source: documentSource(state),
  };
  const parsed = projectDocumentSchema.safeParse(candidate);
  if (!parsed.success) throw toBadInput(parsed.error, 'markdown');
  const document = parsed.data;
  return {
    document,
    coverage,
    explain: state.explain ?? [],
    recognised: {
      issues: document.issues.length,
      phases: document.phases.length,
      tasks: document.phases.reduce((n, p) => n + p.items.length, 0),
      checklists: document.checklists.length,
      checkItems: document.checklists.reduce((n, c) => n + c.items.length, 0),
      kpis: document.kpis.length,
      risks: document.risks.length,
      teams: document.teams.length,
      escalationLevels: document.escalation.length,
      actions: document.actions.filter((a) => a.kind === 'action').length,
      nextSteps: document.actions.filter((a) => a.kind === 'next_step').length,
      notes: document.notes.length,
      computed: state.computed,
      etas: document.source?.slots.filter((s) => s.t === 't').length ?? 0,
    },
    notes: document.notes,
    warnings: state.warnings,
  };
}

/**
 * Parses and reads the document. The syntax tree lives only in here: a long register's tree is
 * hundreds of megabytes, free to be collected before the document is validated (a copy of it).
 */
function readDocument(source: string, options: ParseOptions): { state: ImportState; coverage: Coverage } {
  const tree = parseMarkdownTree(source, options.fastRowsMin);
  const title = tree.title;
  const name = (options.projectName ?? suggestProjectName(title)).slice(0, LIMITS.titleLength);
  const key = options.projectKey ?? deriveProjectKey(name);
  const { version: _version, ...empty } = emptyDocument({
    key,
    name,
    title: title === null || title === '' ? null : title.slice(0, LIMITS.titleLength),
    owner: null,
    date: null,
    status: null,
    summary: null,
  });
  const state: ImportState = {
    ...empty,
    source,
    projectKey: key,
    issueKeys: new Set(),
    notes: new Map(),
    hours: [],
    lastRiskSection: null,
    warnings: [],
    computed: 0,
    noted: [],
    ...(options.explain ? { explain: [] } : {}),
    slots: [],
    tables: [],
    kinds: new Set(),
  };

  const items: number[] = [];
  walk(state, items, tree.root, rootContext(tree.root), true);
  // The one reference into the tree the state keeps while reading.
  state.lastRiskSection = null;
  return { state, coverage: measureCoverage(items, source, state.noted) };
}

const KIND_OF: Partial<Record<SectionContext['kind'], string>> = {
  phase: 'phases',
  targets: 'kpis',
  risks: 'risks',
  teams: 'teams',
  escalation: 'escalation',
  level: 'escalation',
  actions: 'actions',
  action: 'actions',
};

/** The author's text with the spans a report keeps live, in text order. */
function documentSource(state: ImportState): DocumentSource {
  if (state.checklists.length > 0) state.kinds.add('checklists');
  const slots = state.slots.sort((a, b) => a.s - b.s || a.e - b.e);
  // Live marks a rendered report carried (`· _live: ✅ pass_`) are not the author's: they leave the
  // text, so a report read back keeps the same skeleton as the document it came from.
  const pieces: string[] = [];
  let at = 0;
  let shift = 0;
  for (const slot of slots) {
    slot.s -= shift;
    if ((slot.t === 'v' || slot.t === 'x') && slot.e - shift > slot.s) {
      pieces.push(state.source.slice(at, slot.s + shift));
      at = slot.e;
      shift += slot.e - (slot.s + shift);
      slot.e = slot.s;
    } else {
      slot.e -= shift;
    }
  }
  pieces.push(state.source.slice(at));
  return { format: 'markdown', markdown: pieces.join(''), tables: state.tables, slots, kinds: [...state.kinds].sort() };
}

/** Reads a section, then its sub-sections; `items` gathers where each item starts (coverage). */
function walk(state: ImportState, items: number[], section: Section, outer: SectionContext, isRoot = false): void {
  const ctx = isRoot ? outer : classify(state, section, outer);
  if (isRoot) ctx.kind = 'header';
  if (!isRoot) explainHeading(state, ctx);
  const kind = KIND_OF[ctx.kind];
  if (kind && section.heading !== null) state.kinds.add(kind);
  // The outermost escalation section gets its live state written after it by every report.
  if (!isRoot && section.heading !== null && (ctx.kind === 'escalation' || ctx.kind === 'level') && !outer.inEscalation) recordEscalationLive(state, section);
  // A top-level phase of the plan: phases added since go after the last one, at its level.
  if (!isRoot && ctx.kind === 'phase' && ctx.phase && ctx.phase !== outer.phase && !ctx.phase.parent) recordPlanEnd(state, section);
  readBlocks(state, ctx);
  collectCounts(state, ctx);
  if (section.heading !== null && section.blocks.length === 0 && section.children.length === 0 && ctx.kind === 'generic') {
    // An empty heading still says something; keep it so it renders back.
    state.notes.set(section.path.join(' › '), state.notes.get(section.path.join(' › ')) ?? []);
  }
  collectItems(section, items);
  // Read and counted: a long register's rows can go before the next section is read.
  section.blocks = [];
  const childOuter = section.heading === null && !isRoot ? rootContext(section) : ctx;
  for (const child of section.children) walk(state, items, child, isRoot ? rootContext(section) : childOuter);
}

/** "TIDEWATER BILLING - PRE-LAUNCH AUDIT" → "Tidewater Billing". */
export function suggestProjectName(title: string | null): string {
  if (!title) return 'Project';
  const head = title.split(/\s+[-–—|:]\s+|:\s+/)[0]!.trim() || title.trim();
  const letters = head.replace(/[^\p{L}]/gu, '');
  const shouting = letters !== '' && letters === letters.toUpperCase();
  const name = shouting ? head.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase()) : head;
  return name.slice(0, LIMITS.titleLength) || 'Project';
}

