// The pieces both reports are made of. Each writes Markdown the importer reads back to the same
// document, so import → report → import is lossless; live values are marked so re-import skips them.
import type { ChecklistDoc, CheckItem, NoteDoc, PhaseDoc } from '../domain/document.js';
import { SEVERITIES, SEVERITY_PRIORITY, type Severity } from '../domain/enums.js';
import type { DayEscalation } from '../domain/escalation-port.js';
import { headingSeverity } from './import-sections.js';
import { formatEstimate } from '../domain/estimate.js';
import { formatLevelWindow } from './import-escalation.js';
import { registerMarkdown, registerPlaceholder, registerTables } from './render-register.js';
import { phaseLabel } from './import-phases.js';
import { cell, code, esc, escStart, fenced, table } from './markdown-write.js';
import type { ReportModel, TierCounts } from './report-model.js';

export const TIER_HEADING: Record<Severity, string> = {
  critical: '🔴 CRITICAL (Priority 1)',
  major: '🟠 MAJOR (Priority 2)',
  medium: '🟡 MEDIUM (Priority 3)',
  minor: '🟢 MINOR (Priority 4)',
};

const TIER_NOUN: Record<Severity, string> = { critical: 'blockers', major: 'major issues', medium: 'medium issues', minor: 'minor issues' };

export function header(model: ReportModel, dateLabel: string): string[] {
  const p = model.document.project;
  const lines = [
    p.owner !== null ? `**Owner**: ${esc(p.owner)}` : null,
    p.date !== null ? `**${dateLabel}**: ${esc(p.date)}` : null,
    p.status !== null ? `**Status**: ${esc(p.status)}` : null,
    p.summary !== null ? `**Executive Summary**: ${esc(p.summary)}` : null,
  ].filter((l): l is string => l !== null);
  return lines.length > 0 ? [lines.join('\n'), ''] : [];
}

/** The heading the register's tables sit under, and the prefix of notes written inside it. */
export const REGISTER_SECTION = 'FINDINGS BY SEVERITY';

const OTHER_SECTION_WORDS =
  /stand-?up|daily status|targets?\b|kpis?\b|metrics|success|escalat|risks?\b|teams?\b|assign|people|staff|resourc|owner|phase|^(week|day|sprint|month)|notes|actions?\b|critical path|first \d|quick wins/i;

/**
 * Notes that were written under a severity heading of the register (a tier's description): the
 * report writes them back under that heading, with the heading's own words, so the tier reads
 * as it was written and the note comes back to the same place.
 */
export function tierNotes(model: ReportModel): Map<Severity, NoteDoc> {
  const found = new Map<Severity, NoteDoc>();
  const prefix = `${REGISTER_SECTION} › `;
  for (const note of model.document.notes) {
    if (!note.section.startsWith(prefix)) continue;
    const heading = note.section.slice(prefix.length);
    // Only a heading that reads back as nothing but a severity tier (not "Team blockers").
    if (heading.includes(' › ') || /^\d+[.)]\s/.test(heading) || OTHER_SECTION_WORDS.test(heading)) continue;
    const severity = headingSeverity(heading, heading);
    if (severity && !found.has(severity)) found.set(severity, note);
  }
  return found;
}

/** One table per severity; with `placeholders`, a marker the HTML writer swaps for the table. */
export function register(model: ReportModel, depth: number, placeholders = false, withNotes: Map<Severity, NoteDoc> = new Map()): string[] {
  const out: string[] = [];
  const tables = new Map(registerTables(model).map((t) => [t.severity, t]));
  for (const severity of SEVERITIES) {
    const table = tables.get(severity);
    const note = withNotes.get(severity);
    if (!table && !note) continue;
    const heading = note ? `${TIER_HEADING[severity].split(' ')[0]} ${esc(note.section.slice(REGISTER_SECTION.length + 3))}` : TIER_HEADING[severity];
    out.push(`${'#'.repeat(depth)} ${heading}`, '');
    if (note && note.markdown !== '') out.push(note.markdown, '');
    if (table) out.push(placeholders ? registerPlaceholder(severity) : registerMarkdown(table), '');
  }
  return out;
}

/** What follows a task's text in a report: its live rule result and who ticked it (both marked). */
export function liveMarks(model: ReportModel, listType: 'phase' | 'checklist', listKey: string, item: CheckItem, index: number): string {
  const live = item.rule !== null ? model.items[`${listType}:${listKey}:${index}`] : undefined;
  const mark = live ? ` · _live: ${live.status === 'pass' ? '✅ pass' : live.status === 'fail' ? '❌ fail' : '❔ unknown'}${live.reason ? ` — ${esc(live.reason)}` : ''}_` : '';
  // Who ticked it and when (a sign-off): shown, and dropped again on import like the live state.
  const by = item.done && (item.doneBy !== null || item.doneAt !== null) ? ` · _done: ${[item.doneBy, item.doneAt?.slice(0, 10)].filter(Boolean).map((t) => esc(t!)).join(', ')}_` : '';
  return `${mark}${by}`;
}

export function itemLine(model: ReportModel, listType: 'phase' | 'checklist', listKey: string, item: CheckItem, index: number): string {
  return `- [${item.done ? 'x' : ' '}] ${escStart(item.text)}${liveMarks(model, listType, listKey, item, index)}`;
}

function phaseHeading(phase: PhaseDoc, parent: PhaseDoc | null, index: number, upper: boolean): string {
  const number = parent ? undefined : /^phase-(\d+(?:\.\d+)?)$/.exec(phase.key)?.[1];
  let prefix = '';
  let name = phase.name;
  let windowInHeading = false;
  if (number !== undefined) prefix = `${upper ? 'PHASE' : 'Phase'} ${number}: `;
  else if (phase.window !== null) {
    prefix = phase.name === phase.window ? '' : `${phase.window}: `;
    windowInHeading = true;
  } else if (parent) {
    const parentNumber = /^phase-(\d+)$/.exec(parent.key)?.[1] ?? '0';
    prefix = `Phase ${parentNumber}.${index}: `;
  }
  if (number !== undefined && phase.name === `Phase ${number}`) name = '';
  const window = phase.window !== null && !windowInHeading ? ` (${esc(phase.window)})` : '';
  const label = phase.label !== null ? ` (${esc(phase.label)})` : phase.state !== 'planned' ? ` (${phase.state.toUpperCase()})` : '';
  const text = `${prefix}${esc(name)}`.replace(/:\s*$/, '');
  return `${text}${window}${label}`;
}

/** Phases with their steps; `hoursInline` writes hour budgets in the phase (the audit's way). */
export function phases(model: ReportModel, depth: number, emoji: string, upper: boolean, hoursInline: boolean): string[] {
  const all = [...model.document.phases].sort((a, b) => a.order - b.order);
  const keys = new Set(all.map((p) => p.key));
  // A step names its phase in `parent`; older documents only nest by key (`week-1.2` in `week-1`).
  const parentOf = (p: PhaseDoc): string | null => {
    if (p.parent && keys.has(p.parent) && p.parent !== p.key) return p.parent;
    const dot = p.key.lastIndexOf('.');
    return p.parent === undefined && dot > 0 && keys.has(p.key.slice(0, dot)) ? p.key.slice(0, dot) : null;
  };
  const out: string[] = [];
  const written = new Set<string>();
  const write = (phase: PhaseDoc, parent: PhaseDoc | null, index: number, level: number): void => {
    if (written.has(phase.key)) return; // a cycle of parents: each phase once
    written.add(phase.key);
    const heading = parent === null ? `${emoji}${phaseHeading(phase, null, 0, upper)}` : phaseHeading(phase, parent, index, false);
    out.push(`${'#'.repeat(Math.min(level, 6))} ${heading}`, '', ...phaseBody(model, phase, hoursInline));
    all.filter((p) => parentOf(p) === phase.key).forEach((step, i) => write(step, phase, i + 1, level + 1));
  };
  for (const top of all.filter((p) => parentOf(p) === null)) write(top, null, 0, depth);
  // Phases whose parents form a cycle have no top: still written, at the top level.
  for (const rest of all) write(rest, null, 0, depth);
  return out;
}

function phaseBody(model: ReportModel, phase: PhaseDoc, hoursInline: boolean): string[] {
  const out: string[] = [];
  const fields = [
    phase.branch !== null ? `**Branch**: ${code(phase.branch)}` : null,
    hoursInline && phase.hours !== null ? `**Hours**: ${phase.hours} hours` : null,
  ].filter((l): l is string => l !== null);
  if (fields.length > 0) out.push(fields.join('\n'), '');
  if (phase.deliverables.length > 0) {
    // Another bullet than the tasks' `-`: two adjacent lists with one marker would be read as one.
    const bullet = phase.items.length > 0 ? '*' : '-';
    out.push('**Deliverables**:', '', ...phase.deliverables.map((d) => `${bullet} ${escStart(d)}`), '');
  }
  if (phase.items.length > 0) {
    out.push(...phase.items.map((item, i) => itemLine(model, 'phase', phase.key, item, i)), '');
  }
  return out;
}

export function hoursList(model: ReportModel): string[] {
  const withHours = [...model.document.phases].sort((a, b) => a.order - b.order).filter((p) => p.hours !== null);
  return withHours.map((p) => `- **${esc(phaseLabel(p))}**: ${p.hours} hours`);
}

/** Checklists without a section that come after every sectioned one: the closing block's lists. */
function trailingLoose(model: ReportModel): Set<ChecklistDoc> {
  const lists = model.document.checklists;
  let last = -1;
  lists.forEach((c, i) => {
    if (c.section !== null) last = i;
  });
  return new Set(lists.filter((c, i) => c.section === null && i > last));
}

/**
 * Checklists under their section heading, in document order. One without a section is its own
 * heading at the section level (that is how it reads back), unless it belongs to the closing block.
 */
export function checklists(model: ReportModel, depth: number, emojiFor: (section: string) => string): string[] {
  const out: string[] = [];
  const trailing = trailingLoose(model);
  let section: string | null | undefined;
  for (const list of model.document.checklists) {
    if (trailing.has(list)) continue;
    if (list.section === null) {
      section = undefined;
      out.push(`${'#'.repeat(depth)} ${esc(list.title)}`, '', ...checklistItems(model, list), '');
      continue;
    }
    if (list.section !== section) {
      section = list.section;
      out.push(`${'#'.repeat(depth)} ${emojiFor(section)}${esc(section)}`, '');
    }
    out.push(`${'#'.repeat(depth + 1)} ${esc(list.title)}`, '', ...checklistItems(model, list), '');
  }
  return out;
}

export function checklistItems(model: ReportModel, list: ChecklistDoc): string[] {
  return list.items.map((item, i) => itemLine(model, 'checklist', list.key, item, i));
}

export function looseChecklists(model: ReportModel): string[] {
  const trailing = trailingLoose(model);
  return model.document.checklists
    .filter((c) => trailing.has(c))
    .flatMap((list) => [`**${esc(list.title)}**:`, '', ...checklistItems(model, list), '']);
}

export function kpiTable(model: ReportModel, depth: number): string[] {
  const kpis = model.document.kpis;
  if (kpis.length === 0) return [];
  const rows = kpis.map((k) => {
    const live = model.kpis[k.key];
    const latest = live?.value !== null && live?.value !== undefined ? `${live.value}${live.at ? ` (${live.at.slice(0, 10)})` : ''}` : '-';
    const onTrack = live?.onTrack === true ? '✅' : live?.onTrack === false ? '❌' : '-';
    const target = k.target === null ? '-' : `${k.comparator ?? ''} ${k.target}`.trim();
    return [esc(k.key), esc(k.name), esc(target), cell(k.unit), cell(k.phase), esc(latest), onTrack];
  });
  return [`${'#'.repeat(depth)} 📏 KPIs`, '', table(['Key', 'KPI', 'Target', 'Unit', 'Phase', 'Latest', 'On track'], rows), ''];
}

export function risks(model: ReportModel, depth: number): string[] {
  const out: string[] = [];
  let category: string | null | undefined;
  for (const risk of model.document.risks) {
    if (risk.category !== category) {
      category = risk.category;
      // A risk without a category sits straight under the section heading.
      if (category !== null) out.push(`${'#'.repeat(depth)} ${esc(category)} Risks`, '');
    }
    const lines = [
      `**Risk**: ${esc(risk.title)}`,
      risk.mitigation !== null ? `**Mitigation**: ${esc(risk.mitigation)}` : null,
      risk.likelihood !== null ? `**Likelihood**: ${esc(risk.likelihood)}` : null,
      risk.impact !== null ? `**Impact**: ${esc(risk.impact)}` : null,
      risk.owner !== null ? `**Owner**: ${esc(risk.owner)}` : null,
      risk.status !== 'open' ? `**Status**: ${esc(risk.status)}` : null,
    ].filter((l): l is string => l !== null);
    out.push(lines.join('\n'), '');
  }
  return out;
}

export function teams(model: ReportModel): string[] {
  return model.document.teams.map((t) => {
    const name = t.capacityHours !== null ? `${t.name} (${t.capacityHours}h/week)` : t.name;
    const members = t.members.length > 0 ? ` (members: ${t.members.map(esc).join(', ')})` : '';
    const rest = `${t.focus !== null ? esc(t.focus) : ''}${members}`.trim();
    return `- **${esc(name)}**${rest !== '' ? `: ${rest}` : ''}`;
  });
}

export function escalation(model: ReportModel, depth: number): string[] {
  const out: string[] = [];
  const path: string[] = [];
  for (const level of model.document.escalation) {
    const simple = level.afterMinutes === null && level.contacts.length === 1 && level.resolution === null;
    if (simple) {
      path.push(`${level.level}. **${esc(level.contacts[0]!)}**${level.scope !== null ? `: ${esc(level.scope)}` : ''}`);
      continue;
    }
    const window = level.afterMinutes !== null ? ` (${formatLevelWindow(level.afterMinutes, level.businessHours)})` : '';
    out.push(`${'#'.repeat(depth)} Level ${level.level}${window}${level.scope !== null ? `: ${esc(level.scope)}` : ''}`, '');
    const bullets = [
      level.contacts.length > 0 ? `- Contact: ${level.contacts.map(esc).join(' + ')}` : null,
      level.resolution !== null ? `- Resolution: ${esc(level.resolution)}` : null,
    ].filter((l): l is string => l !== null);
    if (bullets.length > 0) out.push(...bullets, '');
  }
  const live = escalationLive(model);
  const all = path.length > 0 ? [...path, '', ...out] : out;
  return live === null ? all : [...all, live, ''];
}

export function actions(model: ReportModel, depth: number): string[] {
  const out: string[] = [];
  model.document.actions
    .filter((a) => a.kind === 'action')
    .forEach((action, i) => {
      const estimate = action.estimateMinutes !== null ? ` (${formatEstimate(action.estimateMinutes)})` : '';
      out.push(`${'#'.repeat(depth)} ${i + 1}. ${esc(action.title)}${estimate}`, '');
      if (action.snippet !== null) out.push(fenced(action.snippet, action.snippetLang), '');
    });
  return out;
}

export function nextSteps(model: ReportModel): string[] {
  const steps = model.document.actions.filter((a) => a.kind === 'next_step');
  if (steps.length === 0) return [];
  return [
    '**Next Steps**:',
    '',
    ...steps.map((s, i) => `${i + 1}. ${escStart(s.title)}${s.estimateMinutes !== null ? ` (${formatEstimate(s.estimateMinutes)})` : ''}`),
    '',
  ];
}

export function notes(model: ReportModel, depth: number, placed: ReadonlySet<NoteDoc> = new Set()): string[] {
  const list = model.document.notes.filter((n) => !placed.has(n));
  if (list.length === 0) return [];
  const out = [`${'#'.repeat(depth)} 📝 NOTES`, ''];
  const root = list.filter((n) => n.section === '');
  for (const n of root) out.push(n.markdown, '');
  for (const n of list.filter((x) => x.section !== '')) {
    out.push(`${'#'.repeat(depth + 1)} ${esc(n.section)}`, '');
    if (n.markdown !== '') out.push(n.markdown, '');
  }
  return out;
}

const tierNoun = (severity: Severity): string => TIER_NOUN[severity];

/** The standup block: the focus tier in the example's words, then every tier in a table. */
export function standup(model: ReportModel, depth: number, title: string): string[] {
  const ordered = [...model.document.phases].sort((a, b) => a.order - b.order);
  const active = ordered.find((p) => p.state === 'active');
  const next = ordered.find((p) => p.state === 'next');
  const focus: TierCounts | undefined = model.tiers.find((t) => t.open > 0) ?? model.tiers.find((t) => t.total > 0);
  const out = [`${'#'.repeat(depth)} ${title}`, ''];
  out.push(`**Focus today**: ${active ? esc(active.name) : focus ? esc(capitalise(tierNoun(focus.severity))) : 'nothing open'}`, '');
  if (focus) {
    out.push(
      `- **Completed**: ${focus.completed}/${focus.total} ${tierNoun(focus.severity)}`,
      `- **In Progress**: ${focus.inProgress}/${focus.total} ${tierNoun(focus.severity)}`,
      `- **Blocked**: ${focus.blocked}${focus.blockedKeys.length > 0 ? ` (${focus.blockedKeys.map(esc).join(', ')})` : ''}`,
    );
  }
  out.push(`- **Next**: ${next ? esc(next.name) : '-'}`, '');
  const rows = model.tiers
    .filter((t) => t.total > 0)
    .sort((a, b) => SEVERITY_PRIORITY[a.severity] - SEVERITY_PRIORITY[b.severity])
    .map((t) => [capitalise(tierNoun(t.severity)), String(t.total), `${t.completed}/${t.total}`, String(t.inProgress), String(t.blocked), String(t.open)]);
  if (rows.length > 0) out.push(table(['Tier', 'Total', 'Completed', 'In progress', 'Blocked', 'Open'], rows), '');
  out.push(...slaToday(model));
  return out;
}

const DAY_LISTED = 10;

/** The day's SLA breaches and escalations fired; nothing when no sweep has ever run. */
export function slaToday(model: ReportModel): string[] {
  const sla = model.sla;
  if (!sla || (!sla.live.swept && sla.day.fired.length === 0)) return [];
  const list = (xs: readonly DayEscalation[]) => {
    if (xs.length === 0) return '';
    const shown = xs.slice(0, DAY_LISTED).map((x) => `${esc(x.issue)} level ${x.level}${x.repeat > 0 ? ` reminder ${x.repeat}` : ''}${x.acknowledged ? ' ✓' : ''}`);
    return ` (${shown.join(', ')}${xs.length > DAY_LISTED ? `, and ${xs.length - DAY_LISTED} more` : ''})`;
  };
  return [
    `- **SLA breaches ${sla.day.date}**: ${sla.day.breaches.length}${list(sla.day.breaches)}`,
    `- **Escalations fired ${sla.day.date}**: ${sla.day.fired.length}${list(sla.day.fired)}`,
    '',
  ];
}

/**
 * The escalation section's live state, one level after the other, marked `_live: …_` so a
 * re-import drops it; null when no sweep has ever run (nothing is known).
 */
export function escalationLive(model: ReportModel): string | null {
  const live = model.sla?.live;
  if (!live?.swept) return null;
  const keys = (ks: readonly string[], n: number) => (n === 0 ? '' : ` (${ks.map(esc).join(', ')}${n > ks.length ? ', …' : ''})`);
  const levels = live.levels.map(
    (l) =>
      `level ${l.level}: ${l.breached} in breach${keys(l.breachedKeys, l.breached)}, ${l.escalated} escalated to it${keys(l.escalatedKeys, l.escalated)}, ${l.acknowledged} acknowledged${keys(l.acknowledgedKeys, l.acknowledged)}`,
  );
  return `_live: escalation now — ${levels.length > 0 ? levels.join('; ') : 'no level has fired'}_`;
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
