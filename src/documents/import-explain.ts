// `import --explain`: block by block, what each became and why, so a person can see a misreading
// and fix it in the document. What a block became is measured, not guessed: the counts of every
// kind of data before and after its reader ran.
import type { ImportState, SectionContext } from './import-context.js';

export interface ExplainEntry {
  /** 1-based line of the block in the (line-ending-normalised) document. */
  line: number;
  section: string;
  block: string;
  became: string;
  why: string;
}

type Counts = Record<string, number>;

export function countsOf(state: ImportState): Counts {
  return {
    issue: state.issues.length,
    phase: state.phases.length,
    task: state.phases.reduce((n, p) => n + p.items.length, 0),
    deliverable: state.phases.reduce((n, p) => n + p.deliverables.length, 0),
    'checklist item': state.checklists.reduce((n, c) => n + c.items.length, 0),
    KPI: state.kpis.length,
    risk: state.risks.length,
    team: state.teams.length,
    'escalation level': state.escalation.length,
    action: state.actions.length,
    'hour budget': state.hours.length,
    'phase field': state.phases.reduce((n, p) => n + (p.branch !== null ? 1 : 0) + (p.window !== null ? 1 : 0) + (p.hours !== null ? 1 : 0), 0),
    'note line': state.noted.length / 2,
    'standup figure': state.slots.filter((s) => s.t === 'f').length,
    'ETA kept live from the forecast': state.slots.filter((s) => s.t === 't').length,
    'header field': Object.values(state.project).filter((v) => v !== null).length,
  };
}

const WHY: Record<SectionContext['kind'], string> = {
  root: 'text outside any heading',
  header: 'under the title: `**Label**: value` lines are the project’s owner, date, status, summary; a target date/ETA is kept live from the forecast',
  generic: 'a heading with no kind of its own: tables are read by their columns, lists of issue ids as issues, task lists as checklists',
  notes: 'a Notes heading: kept as written',
  standup: 'a standup heading: its figures are recomputed live by every report',
  targets: 'a heading about targets/KPIs/metrics: measurable lines become rules and KPIs',
  actions: 'a heading about immediate actions / critical path: items are actions',
  action: 'a numbered heading among actions: an action, its code block the snippet',
  escalation: 'a heading about escalation: numbered lists and `Level N (window)` are levels',
  level: 'a `Level N (window)` heading: Contact/Resolution lines fill the level',
  risks: 'a heading about risks: `**Risk**`/`**Mitigation**` pairs, tables of levels and bullets with Likelihood/Impact are risks',
  teams: 'a heading about teams/owners/resources: `**Name**: focus` bullets are teams',
  phase: 'a heading that opens a stage of work (Phase N, Week N, Day N): tasks, branch, deliverables, hours',
};

export function explainBlock(state: ImportState, ctx: SectionContext, block: { type: string; position?: { start: { line: number } } }, before: Counts): void {
  const after = countsOf(state);
  const made = Object.keys(after)
    .map((k) => [k, after[k]! - (before[k] ?? 0)] as const)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${k}${n === 1 ? '' : 's'}`);
  const tier = ctx.severity ? ` (tier ${ctx.severity} from the heading)` : '';
  state.explain?.push({
    line: block.position?.start.line ?? 0,
    section: ctx.section.path.join(' › ') || '(document)',
    block: block.type,
    became: made.length > 0 ? made.join(', ') + tier : 'nothing',
    why: state.why ?? WHY[ctx.kind],
  });
  delete state.why;
}

/** A heading: the kind of section it opens. */
export function explainHeading(state: ImportState, ctx: SectionContext): void {
  const heading = ctx.section.heading;
  if (!state.explain || !heading) return;
  const what = ctx.kind === 'phase' && ctx.phase ? `phase ${ctx.phase.key}${ctx.phase.parent ? ` (a step of ${ctx.phase.parent})` : ''}` : `${ctx.kind} section`;
  state.explain.push({
    line: heading.position?.start.line ?? 0,
    section: ctx.section.path.join(' › ') || '(document)',
    block: `heading ${'#'.repeat(heading.depth)}`,
    became: `${what}${ctx.severity ? `, tier ${ctx.severity}` : ''}`,
    why: WHY[ctx.kind],
  });
}
