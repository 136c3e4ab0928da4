// Counts an author wrote in headings and prose ("Critical Issues (12)", "12 critical issues
// remain", "3/10 done"): while the import walks the document each candidate is noted with what
// it could be about; once every issue and task is read, a candidate becomes live only if it equals
// what it claims to count, so an unchanged store writes it back as written and a changed one
// rewrites exactly that number (marked `_live: …_`, which a re-import reads as the number again).
import type { Slot } from '../domain/document.js';
import type { Severity } from '../domain/enums.js';
import { readSeverity } from '../domain/vocabulary.js';
import type { CountCandidate, ImportState, SectionContext } from './import-context.js';

type Metric = Extract<Slot, { t: 'f' }>['m'];


// The whole written number is group 1 (its span is what a report rewrites); 2-3 live, 4-5 plain.
const NUM = String.raw`(_live: (\d+)(?:\/(\d+))?_|(\d+)(?:[ \t]*\/[ \t]*(\d+))?)`;
const STATE = String.raw`open|remaining|outstanding|resolved|fixed|closed|done|completed?|blocked|in[- ]progress|left`;
const TIER = String.raw`critical|blockers?|major|high|medium|moderate|minor|low|p[1-4]`;
const NOUN = String.raw`issues?|findings?|bugs?|problems?|defects?|blockers?|vulnerabilit(?:y|ies)|items?|tasks?`;
// "12 critical issues remain", "3 open issues", "0 blockers left", "4/10 issues resolved", "3/10 done".
const PROSE = new RegExp(
  String.raw`(?<![\w/.])${NUM}(?:\s+(${STATE}))?(?:\s+(${TIER}))?(?:\s+(${NOUN}))?\b(?:\s+(?:are\s+|still\s+|now\s+)*(remain(?:s|ing)?|${STATE}))?`,
  'gid',
);
// "Critical Issues (12)", "Blockers (3 open)".
const HEADING_COUNT = new RegExp(String.raw`\(\s*${NUM}(?:\s+(${NOUN}|${STATE}|total))?\s*\)\s*$`, 'id');

function metricOf(word: string | undefined): Metric | null {
  if (!word) return null;
  const w = word.toLowerCase();
  if (/^(open|remain|remaining|remains|outstanding|left)$/.test(w)) return 'open';
  if (/^(resolved|fixed|closed|done|complete|completed)$/.test(w)) return 'completed';
  if (w === 'blocked') return 'blocked';
  if (/^in[- ]progress$/.test(w)) return 'inProgress';
  if (w === 'total') return 'total';
  return null;
}

const numbers = (m: RegExpExecArray): [number, number | null] => {
  const value = Number(m[2] ?? m[4]);
  const of = m[3] ?? m[5];
  return [value, of === undefined ? null : Number(of)];
};

/** Where the written number (group 1) sits, from `base`. */
const spanOf = (m: RegExpExecArray, base: number): [number, number] => {
  const [s, e] = m.indices![1]!;
  return [base + s, base + e];
};

function listOf(state: ImportState, ctx: SectionContext): CountCandidate['list'] {
  if (ctx.phase) return { l: 'phase', k: ctx.phase.key };
  const title = ctx.section.title;
  const checklist = state.checklists.find((c) => c.title === title);
  return checklist ? { l: 'checklist', k: checklist.key } : null;
}

/** Notes the counts a section's heading and prose state; `resolveCounts` keeps the true ones. */
export function collectCounts(state: ImportState, ctx: SectionContext): void {
  // A target ("0 critical issues remaining" under Targets) is a goal, not a count of today.
  if (ctx.kind === 'standup' || ctx.kind === 'notes' || ctx.kind === 'targets') return;
  const out = (state.countCandidates ??= []);
  const heading = ctx.section.heading;
  const hs = heading?.position?.start.offset;
  const he = heading?.position?.end.offset;
  if (hs !== undefined && he !== undefined) {
    const text = state.source.slice(hs, he);
    const m = HEADING_COUNT.exec(text);
    if (m) {
      const [value, of] = numbers(m);
      const [cs, ce] = spanOf(m, hs);
      out.push({ s: cs, e: ce, value, of, severity: ctx.severity, metric: metricOf(m[6]), list: null, issuesNamed: true, heading: true });
    }
  }
  for (const block of ctx.section.blocks) {
    if (block.type !== 'paragraph' && block.type !== 'blockquote' && block.type !== 'list') continue;
    if (block.type === 'list' && block.children.some((i) => i.checked !== null && i.checked !== undefined)) continue;
    const from = block.position?.start.offset;
    const to = block.position?.end.offset;
    if (from === undefined || to === undefined) continue;
    const text = state.source.slice(from, to);
    for (const m of text.matchAll(PROSE)) {
      const [value, of] = numbers(m);
      if (/\b(all|target|goal|under|below|above|over|max(?:imum)?|min(?:imum)?|at (?:least|most))\s*$|[<>≤≥]\s*$/i.test(text.slice(0, m.index))) continue;
      const before = m[6];
      const tierWord = m[7];
      const noun = m[8];
      const after = m[9];
      if (!noun && !(of !== null && metricOf(after ?? before) === 'completed')) continue; // "3/10 done", else a noun must say what is counted
      const tier = tierWord ? readSeverity(tierWord) : noun && /^blockers?$/i.test(noun) ? 'critical' : null;
      const [s, e] = spanOf(m, from);
      const isTasks = !noun || /^(items?|tasks?)$/i.test(noun);
      out.push({
        s,
        e,
        value,
        of,
        severity: tier ?? ctx.severity,
        metric: metricOf(after) ?? metricOf(before),
        list: isTasks ? listOf(state, ctx) : null,
        issuesNamed: !isTasks,
        heading: false,
      });
    }
  }
}

interface Tally {
  total: number;
  completed: number;
  inProgress: number;
  blocked: number;
  open: number;
}

/** Keeps as live slots the candidates that count what they say; the rest stay plain text. */
export function resolveCounts(state: ImportState): void {
  const candidates = state.countCandidates ?? [];
  if (candidates.length === 0) return;
  const tally = (severity: Severity | null): Tally => {
    const t: Tally = { total: 0, completed: 0, inProgress: 0, blocked: 0, open: 0 };
    for (const i of state.issues) {
      if (severity !== null && i.severity !== severity) continue;
      t.total++;
      if (i.status === 'resolved' || i.status === 'wont_fix') t.completed++;
      else t.open++;
      if (i.status === 'in_progress') t.inProgress++;
      if (i.status === 'blocked') t.blocked++;
    }
    return t;
  };
  const taken = new Set(state.slots.map((s) => s.s));
  for (const c of candidates) {
    if (taken.has(c.s)) continue;
    const slot = resolveOne(state, c, tally);
    if (slot) {
      state.slots.push(slot);
      taken.add(c.s);
    }
  }
}

function resolveOne(state: ImportState, c: CountCandidate, tally: (s: Severity | null) => Tally): Slot | null {
  if (c.list) {
    const list = c.list.l === 'phase' ? state.phases.find((p) => p.key === c.list!.k) : state.checklists.find((l) => l.key === c.list!.k);
    if (list && (c.metric === 'completed' || c.metric === null)) {
      const done = list.items.filter((i) => i.done).length;
      const value = c.metric === 'completed' || c.of !== null ? done : list.items.length;
      if (value === c.value && (c.of === null || c.of === list.items.length) && !(c.metric === null && c.of !== null)) {
        return { t: 'n', s: c.s, e: c.e, l: c.list.l, k: c.list.k, of: c.of !== null };
      }
    }
    if (!c.issuesNamed) return null;
  }
  const t = tally(c.severity);
  if (t.total === 0) return null;
  const metrics: Metric[] = c.metric ? [c.metric] : c.of !== null ? ['completed'] : c.heading ? ['total', 'open'] : ['total'];
  for (const m of metrics) {
    if (t[m] === c.value && (c.of === null || c.of === t.total)) return { t: 'f', s: c.s, e: c.e, m, sv: c.severity, of: c.of !== null };
  }
  return null;
}
