// Live values in the author's prose and headings (skeleton-render.ts writes the rest): header
// fields, phase state labels, counts of a list's tasks, and tasks added since the import. Each is
// the written text while it is still true, else the live value marked `_live: …_`.
import type { PhaseState } from '../domain/enums.js';
import type { DocumentSource, Slot } from '../domain/document.js';
import { parseEtaDay, writeEtaLike } from './eta-dates.js';
import { itemLine } from './render-sections.js';
import type { ReportModel } from './report-model.js';

type SlotOf<T extends Slot['t']> = Extract<Slot, { t: T }>;

const mark = (value: string): string => `_live: ${value}_`;

/** `**Status**: Triage` → `**Status**: _live: Fixing P1s_` once the project's status changed. */
export function headerField(model: ReportModel, slot: SlotOf<'h'>, written: string): string {
  const live = model.document.project[slot.f];
  if (live === null || live === slot.w) return written;
  return mark(live);
}

const STATE_WORDS: Record<PhaseState, string> = { active: 'In progress', next: 'Next', planned: 'Pending', done: 'Complete' };
const STATE_EMOJI: Record<PhaseState, string> = { active: '🔄', next: '⏭️', planned: '⏳', done: '✅' };
const EMOJI = /^(\p{Extended_Pictographic}\uFE0F?)\s*/u;

/**
 * A phase's state label in the document's own words: how another phase of the same document wrote
 * that state, else a plain word with an emoji when the author used one, in the author's case.
 */
export function phaseLabel(model: ReportModel, source: DocumentSource, slot: SlotOf<'p'>, written: string): string {
  const phase = model.document.phases.find((p) => p.key === slot.k);
  if (!phase || phase.state === slot.st) return written;
  const plain = (t: string) => t.replace(/^_live: |_$/g, '');
  const same = source.slots.find((s): s is SlotOf<'p'> => s.t === 'p' && s.st === phase.state);
  if (same) return mark(plain(source.markdown.slice(same.s, same.e)));
  const was = plain(written);
  const emoji = EMOJI.test(was) ? `${STATE_EMOJI[phase.state]} ` : '';
  const word = was.replace(EMOJI, '');
  const upper = word !== '' && word === word.toUpperCase();
  return mark(`${emoji}${upper ? STATE_WORDS[phase.state].toUpperCase() : STATE_WORDS[phase.state]}`);
}

/** "3/10 done" of a phase's or checklist's tasks. */
export function tasksDone(model: ReportModel, slot: SlotOf<'n'>, written: string): string {
  const list = slot.l === 'phase' ? model.document.phases.find((p) => p.key === slot.k) : model.document.checklists.find((c) => c.key === slot.k);
  if (!list) return written;
  const done = list.items.filter((item, i) => item.done || model.items[`${slot.l}:${slot.k}:${i}`]?.status === 'pass').length;
  const live = slot.of ? `${done}/${list.items.length}` : `${done}`;
  const was = written.replace(/^_live: |_$/g, '').replace(/\s+/g, '');
  return was === live ? written : mark(live);
}

/** Tasks added to a list since the import, after its last task, written like its other lines. */
export function addedTasks(model: ReportModel, source: DocumentSource, slot: SlotOf<'l'>): string {
  const last = source.slots.reduce((n, s) => (s.t === 'l' && s.l === slot.l && s.k === slot.k ? Math.max(n, s.n) : n), 0);
  if (slot.n !== last) return '';
  const list = slot.l === 'phase' ? model.document.phases.find((p) => p.key === slot.k) : model.document.checklists.find((c) => c.key === slot.k);
  if (!list || list.items.length <= slot.n) return '';
  return list.items
    .slice(slot.n)
    .map((item, j) => `\n${slot.p}${itemLine(model, slot.l, slot.k, item, slot.n + j).replace(/^- /, '')}`)
    .join('');
}

/** An ETA the author wrote: the forecast's day when it differs, in the way the author wrote dates. */
export function eta(model: ReportModel, slot: SlotOf<'t'>, written: string): string {
  const live = model.etas?.[slot.k ?? ''];
  if (live === undefined) return written;
  const was = written.replace(/^_live: |_$/g, '');
  if (live === 'done') return was === 'done' ? written : mark('done');
  if (parseEtaDay(was, Number(live.slice(0, 4))) === live) return written;
  return mark(writeEtaLike(slot.w, live));
}
