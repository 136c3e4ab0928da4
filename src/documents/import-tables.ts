// Tables that are not issue registers, told apart by what their columns hold rather than by the
// heading they sit under: a `Field | Value` table of header fields; a risk table (columns of
// likelihood/impact levels next to a column of text); a KPI table (a name, numbers, and a target
// column); a schedule (a column of stage names — Phase 1, Week 2, Stage 3, Cycle 31 — with windows,
// hour budgets and states). Words in the headers are hints; the cells decide.
import type { Table, TableCell } from 'mdast';
import type { Comparator } from '../domain/enums.js';
import { LIMITS } from '../domain/limits.js';
import { readSeverity } from '../domain/vocabulary.js';
import { addNote, because, type ImportState, type SectionContext } from './import-context.js';
import { ETA_LABEL, isHeaderLabel, readFieldLine } from './import-fields.js';
import { addPhase, isPhaseHeading, isWindowHeading, phaseState, readHours, readPhaseHeading } from './import-phases.js';
import { cellText, columnField, ownerOf } from './import-register.js';
import { cleanTitle, slug } from './inline.js';
import { sourceOf } from './markdown-tree.js';
import { recordEta, recordPhaseLabel, recordSectionEnd } from './skeleton-record.js';
import { parseEtaDay } from './eta-dates.js';

interface Grid {
  headers: string[];
  rows: Array<{ cells: TableCell[]; texts: string[]; source: string; at: number }>;
}

function gridOf(state: ImportState, table: Table): Grid {
  const [head, ...body] = table.children;
  const headers = (head?.children ?? []).map((c) => cleanTitle(cellText(c)));
  const rows = body.map((row) => ({
    cells: row.children,
    texts: headers.map((_, i) => (row.children[i] ? cellText(row.children[i]) : '')),
    source: sourceOf(state.source, row),
    at: row.position?.start.offset ?? 0,
  }));
  return { headers, rows: rows.filter((r) => r.texts.some((t) => t !== '')) };
}

const column = (grid: Grid, i: number): string[] => grid.rows.map((r) => r.texts[i] ?? '').filter((t) => t !== '' && !/^[-—–]$/.test(t));
const every = (cells: string[], test: (t: string) => boolean): boolean => cells.length > 0 && cells.every(test);
const headerIndex = (grid: Grid, re: RegExp, not: readonly number[] = []): number => grid.headers.findIndex((h, i) => !not.includes(i) && re.test(h.toLowerCase()));

/** Tries each kind in turn; true when the table became data. */
export function readTableByContent(state: ImportState, ctx: SectionContext, table: Table): boolean {
  const grid = gridOf(state, table);
  if (grid.rows.length === 0 || grid.headers.length < 2) return false;
  return (
    (ctx.kind === 'header' && readHeaderTable(state, ctx, grid)) ||
    readScheduleTable(state, ctx, grid, table) ||
    readRiskTable(state, ctx, grid, table) ||
    readKpiGrid(state, ctx, grid, table)
  );
}

// ---------------------------------------------------------------------------------------------
// Header fields: two columns, the first of labels (`Accountable | Joanna Reyes`).

function readHeaderTable(state: ImportState, ctx: SectionContext, grid: Grid): boolean {
  if (grid.headers.length !== 2) return false;
  const lines = grid.rows.map((row) => ({
    row,
    line: { nodes: row.cells[1]?.children ?? [], label: row.texts[0] ?? '', value: row.texts[1] ?? '', text: row.texts.join(': '), source: '' },
  }));
  // Only when the labels are header fields: a two-column table of anything else is left alone.
  if (!lines.some(({ line }) => isHeaderLabel(line.label))) return false;
  for (const { row, line } of lines) {
    if (!readFieldLine(state, ctx, line)) addNote(state, ctx.section, row.source, row.at);
  }
  because(state, 'a two-column table under the title whose first column holds header labels: the header fields');
  return true;
}

// ---------------------------------------------------------------------------------------------
// Risks: at least one column of levels (low/medium/high, faible/élevé, 1-5) besides a text column.

const LEVEL_WORDS = new Set([
  'very low', 'very high', 'low', 'medium', 'med', 'high', 'critical', 'severe', 'moderate', 'minor', 'major', 'l', 'm', 'h',
  'faible', 'moyen', 'moyenne', 'élevé', 'élevée', 'fort', 'forte', 'haut', 'haute', 'bas', 'basse', 'très élevé', 'très faible',
  'niedrig', 'mittel', 'hoch', 'sehr hoch', 'baja', 'bajo', 'media', 'medio', 'alta', 'alto', 'muy alta', 'muy alto',
]);

export const isLevel = (text: string): boolean => {
  const t = cleanTitle(text).toLowerCase();
  return LEVEL_WORDS.has(t) || readSeverity(t) !== null || /^[1-5](?:\s*\/\s*5)?$/.test(t);
};

const LIKELIHOOD = /likelihood|probabilit|chance|wahrscheinlich/;
const IMPACT = /impact|severity|consequence|auswirkung|gravité|impacto|schwere/;

function readRiskTable(state: ImportState, ctx: SectionContext, grid: Grid, table: Table): boolean {
  const levels = grid.headers.map((_, i) => i).filter((i) => every(column(grid, i), isLevel));
  const hinted = levels.filter((i) => LIKELIHOOD.test(grid.headers[i]!.toLowerCase()) || IMPACT.test(grid.headers[i]!.toLowerCase()));
  if (!(levels.length >= 2 || hinted.length >= 1 || (ctx.inRisks && levels.length >= 1))) return false;
  const likelihoodCol = headerIndex(grid, LIKELIHOOD);
  const impactCol = headerIndex(grid, IMPACT, [likelihoodCol]);
  const [firstLevel, secondLevel] = levels;
  const lik = likelihoodCol >= 0 ? likelihoodCol : firstLevel!;
  const imp = impactCol >= 0 ? impactCol : (levels.find((i) => i !== lik) ?? -1);
  const used = [lik, imp];
  const mitigation = headerIndex(grid, /mitigat|parade|response|countermeasure|contre-mesure|plan|mitigación|maßnahme|action/, used);
  const owner = grid.headers.findIndex((h, i) => !used.includes(i) && columnField(h) === 'owner');
  const status = grid.headers.findIndex((h, i) => !used.includes(i) && columnField(h) === 'status');
  const category = headerIndex(grid, /^(category|type|area|catégorie|categoría|kategorie)$/, used);
  const taken = [lik, imp, mitigation, owner, status, category];
  // The risk itself: a column named so, else the column of the longest text that is no key.
  let title = headerIndex(grid, /risk|risque|riesgo|risiko|threat|description|title|event/, taken);
  if (title < 0) {
    const widths = grid.headers.map((_, i) => (taken.includes(i) ? -1 : column(grid, i).reduce((n, t) => n + t.length, 0)));
    title = widths.indexOf(Math.max(...widths));
  }
  if (title < 0 || column(grid, title).length === 0 || secondLevel === title || firstLevel === title) return false;
  const dash = (i: number, row: Grid['rows'][number], max: number) => {
    const t = i >= 0 ? (row.texts[i] ?? '') : '';
    return t === '' || /^[-—–]$/.test(t) ? null : t.slice(0, max);
  };
  for (const row of grid.rows) {
    const text = row.texts[title] ?? '';
    if (text === '') {
      addNote(state, ctx.section, row.source, row.at);
      continue;
    }
    state.risks.push({
      title: text.slice(0, LIMITS.titleLength * 4),
      category: dash(category, row, 100) ?? ctx.riskCategory?.slice(0, 100) ?? null,
      mitigation: dash(mitigation, row, LIMITS.textLength),
      likelihood: dash(lik, row, 50),
      impact: dash(imp, row, 50),
      owner: owner >= 0 ? ownerOf(row.texts[owner] ?? '') : null,
      status: dash(status, row, 50) ?? 'open',
    });
  }
  state.kinds.add('risks');
  because(state, `columns of levels (${[lik, imp].filter((i) => i >= 0).map((i) => grid.headers[i]).join(', ')}) beside a text column: a risk table`);
  recordSectionEnd(state, 'risk', table, state.risks.length, roles(grid, { title, likelihood: lik, impact: imp, mitigation, owner, status, category }));
  return true;
}

/** Each column's role; a column that numbers its rows (`R1`, `R2`) is `#R2`, so new rows go on counting. */
function roles(grid: Grid, named: Record<string, number>): (string | null)[] {
  const out: (string | null)[] = grid.headers.map(() => null);
  for (const [role, i] of Object.entries(named)) if (i >= 0 && i < out.length && out[i] === null) out[i] = role;
  out.forEach((role, i) => {
    if (role !== null) return;
    const cells = grid.rows.map((r) => /^(\D{0,5})(\d{1,6})$/.exec(r.texts[i] ?? ''));
    const prefix = cells[0]?.[1];
    if (cells.every((m, j) => m !== null && m[1] === prefix && Number(m[2]) === Number(cells[0]![2]) + j)) out[i] = `#${prefix}${cells[cells.length - 1]![2]}`;
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// KPIs: a column of names, columns of numbers, one of them the target.

const NUMBER = /^([<>≤≥]=?|=)?\s*~?\s*(-?\d+(?:[.,]\d+)?)\s*(%|ms|s|sec|secs|seconds?|min|mins|minutes?|h|hrs?|hours?|days?|x|kb|mb|gb|\/5|\/10)?\+?$/i;
const TARGET_HEADER = /target|goal|objective|objectif|cible|ziel|meta|threshold|seuil|sla/;

function numberOf(text: string): { value: number; comparator: Comparator | null; unit: string | null } | null {
  const m = NUMBER.exec(text.replace(/\s+/g, ' ').trim());
  if (!m) return null;
  const sign = m[1] === undefined ? null : ({ '<': '<', '>': '>', '<=': '<=', '>=': '>=', '≤': '<=', '≥': '>=', '=': '==' } as const)[m[1] as '<'] ?? null;
  const comparator = sign ?? (/\+$/.test(text.trim()) ? '>=' : null);
  return { value: Number(m[2]!.replace(',', '.')), comparator, unit: m[3] ? m[3].toLowerCase() : null };
}

function readKpiGrid(state: ImportState, ctx: SectionContext, grid: Grid, table: Table): boolean {
  const numeric = grid.headers.map((_, i) => i).filter((i) => every(column(grid, i), (t) => numberOf(t) !== null));
  const target = numeric.find((i) => TARGET_HEADER.test(grid.headers[i]!.toLowerCase())) ?? (ctx.kind === 'targets' ? numeric[numeric.length - 1] : undefined);
  if (target === undefined) return false;
  const name = grid.headers.findIndex((_, i) => !numeric.includes(i) && column(grid, i).length > 0);
  if (name < 0) return false;
  const baseline = numeric.find((i) => i !== target);
  for (const row of grid.rows) {
    const label = cleanTitle(row.texts[name] ?? '');
    const goal = numberOf(row.texts[target] ?? '');
    if (label === '' || goal === null) {
      addNote(state, ctx.section, row.source, row.at);
      continue;
    }
    const from = baseline === undefined ? null : numberOf(row.texts[baseline] ?? '');
    const unitInName = /\(([^()]{1,10})\)\s*$/.exec(label);
    const comparator: Comparator = goal.comparator ?? (from !== null && from.value > goal.value ? '<=' : '>=');
    // The table states the definition outright: it wins over one guessed from a target's prose.
    const same = state.kpis.findIndex((k) => k.name.toLowerCase() === label.toLowerCase());
    const key = same >= 0 ? state.kpis[same]!.key : uniqueKpiKey(state, slug(label.replace(/\([^()]*\)\s*$/, '')).replace(/-/g, '_').slice(0, LIMITS.keyLength - 4));
    if (same >= 0) state.kpis.splice(same, 1);
    state.kpis.push({
      key,
      name: label.slice(0, LIMITS.titleLength),
      unit: (goal.unit ?? from?.unit ?? unitInName?.[1]?.trim() ?? null)?.slice(0, 50) ?? null,
      target: goal.value,
      comparator,
      phase: ctx.targetPhase ?? ctx.phase?.key ?? null,
      values: [],
    });
  }
  state.kinds.add('kpis');
  because(state, `a name column and a numeric target column (${grid.headers[target]}): a KPI table`);
  recordSectionEnd(state, 'kpi', table, state.kpis.length, roles(grid, { name, target, ...(baseline !== undefined ? { value: baseline } : {}) }));
  return true;
}

function uniqueKpiKey(state: ImportState, base: string): string {
  const root = /^[a-z0-9]/.test(base) ? base : `kpi_${base}`;
  let key = root;
  for (let n = 2; state.kpis.some((k) => k.key === key); n++) key = `${root}_${n}`;
  return key;
}

// ---------------------------------------------------------------------------------------------
// Schedules: a column whose every cell opens a stage of work.

const STAGE = (text: string): boolean => isPhaseHeading(text) || isWindowHeading(text);
const WINDOW_HEADER = /window|dates?|when|timeline|period|période|dates|fechas|zeitraum|duration|durée|timing|weeks?/;
const HOURS_HEADER = /budget|hours|effort|charge|capacity|heures|horas|stunden/;
const STATE_HEADER = /^(state|status|état|etat|estado|zustand|progress)$/;

function readScheduleTable(state: ImportState, ctx: SectionContext, grid: Grid, table: Table): boolean {
  const stage = grid.headers.findIndex((_, i) => every(column(grid, i), STAGE) && column(grid, i).length === grid.rows.length);
  if (stage < 0) return false;
  const stateCol = grid.headers.findIndex((h, i) => i !== stage && (STATE_HEADER.test(h.toLowerCase()) || every(column(grid, i), (t) => phaseState(cleanTitle(t)) !== null)));
  const hours = grid.headers.findIndex((h, i) => i !== stage && i !== stateCol && every(column(grid, i), (t) => readHours(t) !== null) && (HOURS_HEADER.test(h.toLowerCase()) || column(grid, i).some((t) => /[a-z]/i.test(t))));
  const window = headerIndex(grid, WINDOW_HEADER, [stage, stateCol, hours]);
  const branch = headerIndex(grid, /^branch(es)?$/, [stage, stateCol, hours, window]);
  const eta = grid.headers.findIndex((h, i) => ![stage, stateCol, hours, window, branch].includes(i) && ETA_LABEL.test(h.trim()));
  for (const row of grid.rows) {
    const heading = readPhaseHeading(cleanTitle(row.texts[stage]!));
    const written = stateCol >= 0 ? cleanTitle(row.texts[stateCol] ?? '') : '';
    const phaseWord = written === '' ? null : phaseState(written);
    const phase = addPhase(state, { ...heading, label: phaseWord ? written : heading.label, state: phaseWord ?? heading.state }, null);
    const win = window >= 0 ? (row.texts[window] ?? '') : '';
    if (win !== '' && !/^[-—–]$/.test(win)) phase.window = win.slice(0, 200);
    if (hours >= 0) phase.hours = readHours(row.texts[hours] ?? '');
    if (branch >= 0 && (row.texts[branch] ?? '') !== '') phase.branch = row.texts[branch]!.replace(/^`|`$/g, '').slice(0, 500);
    const cell = row.cells[stateCol];
    if (phaseWord && cell) recordPhaseLabel(state, phase.key, phase.state, cell, written);
    const etaCell = row.cells[eta];
    const etaText = (row.texts[eta] ?? '').replace(/^live: (.*)$/, '$1');
    if (etaCell && (parseEtaDay(etaText) !== null || /^live: /.test(row.texts[eta] ?? ''))) recordEta(state, phase.key, etaCell.children, etaText);
  }
  state.kinds.add('phases');
  because(state, `every cell of column ${grid.headers[stage]} opens a stage of work: a schedule of phases`);
  recordSectionEnd(state, 'phase', table, state.phases.filter((p) => !p.parent).length, roles(grid, { name: stage, state: stateCol, hours, window, branch, eta }));
  return true;
}
