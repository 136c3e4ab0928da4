// A register written as a list: one issue per bullet, each opening with its id
// (`- [ ] KM-1 Refresh tokens never expire — \`auth/tokens.go\` — Priya — 4h`, `- AT-20 : …`).
// What makes such a list a register rather than a checklist is its structure: every item opens
// with an issue id, and either the heading names a tier or each item carries fields set off by
// dashes (a file in a code span, an owner, an estimate). The check box, when there is one, is the
// issue's done state; a status word in parentheses at the end is its status.
import type { List, ListItem } from 'mdast';
import type { IssueDoc } from '../domain/document.js';
import type { Severity, Status } from '../domain/enums.js';
import { parseEstimate } from '../domain/estimate.js';
import { LIMITS } from '../domain/limits.js';
import { readSeverity, readStatus } from '../domain/vocabulary.js';
import { because, type ImportState, type SectionContext } from './import-context.js';
import { ownerOf } from './import-register.js';
import { textOf } from './inline.js';
import { sourceOf } from './markdown-tree.js';
import { rowDigest } from './row-digest.js';

const ID = /^([A-Z][A-Z0-9]*-\d+)\s*[:.\-–—]?\s+(?=\S)/;
const SEP = /\s+[—–]\s+|\s+-\s+/;

interface Bullet {
  node: ListItem;
  key: string;
  title: string;
  parts: string[];
}

function bulletsOf(state: ImportState, list: List): Bullet[] | null {
  const out: Bullet[] = [];
  for (const node of list.children) {
    const first = node.children[0];
    if (first?.type !== 'paragraph' || node.children.length > 1) return null;
    const line = sourceOf(state.source, first).split('\n')[0]!.trim();
    const m = ID.exec(line);
    if (!m) return null;
    const [title, ...parts] = line.slice(m[0].length).split(SEP).map((p) => p.trim());
    if (!title) return null;
    out.push({ node, key: m[1]!, title: plain(title), parts });
  }
  return out.length > 0 ? out : null;
}

const plain = (md: string): string => textOf(fromInline(md)).replace(/\s+/g, ' ').trim();
// Only emphasis and code marks are expected in a bullet's title; strip them rather than parse again.
const fromInline = (md: string) => ({ type: 'text' as const, value: md.replace(/\*\*|__|`/g, '').replace(/(^|\s)[*_]([^*_]+)[*_](?=\s|$)/g, '$1$2') });

const TIER_TAG = /^\[?(p[0-4]|sev\s*[1-4]|critical|blocker|major|high|medium|low|minor)\]?$/i;

/** Reads the list as issues when its structure says it is a register; false leaves it to the caller. */
export function readIssueBullets(state: ImportState, ctx: SectionContext, list: List): boolean {
  if (ctx.kind === 'targets' || ctx.kind === 'phase' || ctx.inEscalation || ctx.inTeams || ctx.inRisks) return false;
  const bullets = bulletsOf(state, list);
  if (!bullets) return false;
  const tagged = bullets.every((b) => b.parts.some((p) => TIER_TAG.test(p)));
  const fielded = bullets.every((b) => b.parts.length >= 1) && bullets.some((b) => b.parts.some((p) => /^`[^`]+`$/.test(p) || estimateOf(p) !== null));
  if (ctx.severity === null && !tagged && !fielded) return false;
  if (bullets.some((b) => state.issueKeys.has(b.key))) return false;

  const lead = listLead(state, list);
  const fields: (string | null)[] = ['key', 'title'];
  state.tables.push({ fields, headers: [], severity: ctx.severity, phase: null, styles: {}, ...(lead ? { p: lead } : {}) });
  state.kinds.add('register');
  const tb = state.tables.length - 1;
  for (const b of bullets) {
    const issue = issueOf(state, ctx, b);
    state.issueKeys.add(issue.key);
    state.issues.push(issue);
    const start = b.node.position?.start.offset;
    const end = b.node.position?.end.offset;
    if (start !== undefined && end !== undefined) {
      const s = state.source[start - 1] === '\n' ? start - 1 : start;
      state.slots.push({ t: 'r', s, e: end, k: issue.key, tb, h: rowDigest(issue), c: [] });
    }
  }
  if (fields.length === 2) {
    const sample = bullets[0]!;
    for (const p of sample.parts) fields.push(partField(p));
  }
  const end = list.position?.end.offset;
  if (end !== undefined) state.slots.push({ t: 'e', s: end, e: end, tb });
  because(state, `every item opens with an issue id${ctx.severity !== null ? ' under a heading that names a tier' : tagged ? ' and carries a tier tag' : ' and carries fields (a file, an estimate)'}: a register written as a list`);
  return true;
}

function estimateOf(text: string): number | null {
  try {
    return /\d/.test(text) ? parseEstimate(text) : null;
  } catch {
    return null;
  }
}

function partField(part: string): string {
  if (/^`[^`]+`$/.test(part)) return 'files';
  if (estimateOf(part.replace(/\s*\([^()]*\)$/, '')) !== null) return 'estimate';
  if (TIER_TAG.test(part)) return 'severity';
  return 'owner';
}

function issueOf(state: ImportState, ctx: SectionContext, b: Bullet): IssueDoc {
  let severity: Severity | null = ctx.severity;
  let status: Status = b.node.checked === true ? 'resolved' : 'backlog';
  let owner: string | null = null;
  let estimateMinutes: number | null = null;
  const files: string[] = [];
  const rest: string[] = [];
  for (const raw of b.parts) {
    let part = raw;
    const remark = /\s*\(([^()]+)\)$/.exec(part);
    const said = remark ? readStatus(remark[1]!) : null;
    if (said) {
      status = said;
      part = part.slice(0, remark!.index);
    }
    const code = /^`([^`]+)`$/.exec(part);
    if (code) files.push(code[1]!.slice(0, 2_000));
    else if (TIER_TAG.test(part)) severity = readSeverity(part.replace(/[[\]]/g, '').replace(/^sev\s*([1-4])$/i, 'p$1')) ?? severity;
    else if (estimateMinutes === null && estimateOf(part) !== null) estimateMinutes = estimateOf(part);
    else if (owner === null && part !== '') owner = ownerOf(part);
    else if (part !== '') rest.push(part);
  }
  if (severity === null) {
    severity = 'medium';
    state.warnings.push(`issue ${b.key}: no severity in its line or heading, taken as medium`);
  }
  return {
    key: b.key.slice(0, LIMITS.keyLength),
    title: b.title.slice(0, LIMITS.titleLength),
    severity,
    status,
    owner,
    estimateMinutes,
    dueDate: null,
    files,
    phase: null,
    labels: [],
    links: [],
    source: 'markdown',
    description: rest.length > 0 ? rest.join(' — ').slice(0, LIMITS.textLength) : null,
    extra: {},
    createdAt: null,
    startedAt: null,
    resolvedAt: null,
    comments: [],
  };
}

/** The text a line of the list starts with (`- [ ] `, `- `), for issues added since. */
function listLead(state: ImportState, list: List): string | null {
  const first = list.children[0];
  const start = first?.position?.start.offset;
  const para = first?.children[0]?.position?.start.offset;
  if (start === undefined || para === undefined) return null;
  const lineStart = state.source.lastIndexOf('\n', start - 1) + 1;
  return state.source.slice(lineStart, para).replace(/\[[xX]\]/, '[ ]').slice(0, 200);
}

const RISK_FIELDS: ReadonlyArray<[RegExp, 'likelihood' | 'impact' | 'mitigation' | 'owner' | 'status' | 'category']> = [
  [/^(likelihood|probability|probabilité|probabilidad|wahrscheinlichkeit)$/i, 'likelihood'],
  [/^(impact|severity|impacto|auswirkung)$/i, 'impact'],
  [/^(mitigations?|parade|response|plan|mitigación|maßnahme)$/i, 'mitigation'],
  [/^(owner|responsable|verantwortlich)$/i, 'owner'],
  [/^(status|state|statut|estado)$/i, 'status'],
  [/^(category|type|catégorie|categoría)$/i, 'category'],
];

/**
 * Risks written one per bullet: a bold title, then `Label: value` fields set off by `·`, `|`, `;`
 * or dashes (`**Stripe.js v2 sunset** — Likelihood: medium · Impact: high · Mitigation: …`).
 * Every item must carry a likelihood or an impact, which is what makes the list a risk register.
 */
export function readRiskBullets(state: ImportState, ctx: SectionContext, items: ReadonlyArray<{ title: string | null; value: string; rest: number }>): boolean {
  const read = items.map((item) => {
    if (item.title === null) return null;
    const fields: Partial<Record<(typeof RISK_FIELDS)[number][1], string>> = {};
    for (const part of item.value.replace(/^[—–:-]\s*/, '').split(/\s+[·|;]\s+|\s+[—–]\s+/)) {
      const m = /^([\p{L} ]{2,30}?)\s*:\s*(.+)$/u.exec(part.trim());
      const field = m ? RISK_FIELDS.find(([re]) => re.test(m[1]!.trim()))?.[1] : undefined;
      if (!m || !field) return null;
      fields[field] = m[2]!.trim();
    }
    return fields.likelihood !== undefined || fields.impact !== undefined ? { title: item.title, fields } : null;
  });
  if (read.length === 0 || read.some((r) => r === null)) return false;
  for (const r of read) {
    const { title, fields } = r!;
    state.risks.push({
      title: title.slice(0, LIMITS.titleLength * 4),
      category: (fields.category ?? ctx.riskCategory)?.slice(0, 100) ?? null,
      mitigation: fields.mitigation?.slice(0, LIMITS.textLength) ?? null,
      likelihood: fields.likelihood?.slice(0, 50) ?? null,
      impact: fields.impact?.slice(0, 50) ?? null,
      owner: fields.owner ? ownerOf(fields.owner) : null,
      status: fields.status?.slice(0, 50) ?? 'open',
    });
  }
  because(state, 'bold titles with Likelihood/Impact fields under a risk heading: risks');
  return true;
}
