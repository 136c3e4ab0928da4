// The project document (SPEC §3): the one canonical serialisation of a project's whole state.
// Markdown import produces it, the store applies it, export writes it, backups restore it.
// Every section is present in an export, absent values are null or [] and never invented.
import { z } from 'zod';
import { dayField, instantField } from './date-schemas.js';
import { COMPARATORS, PHASE_STATES, SEVERITIES, STATUSES } from './enums.js';
import { LIMITS } from './limits.js';

const text = (max: number = LIMITS.textLength) => z.string().max(max);
const nullableText = (max: number = LIMITS.textLength) => text(max).nullable().default(null);
const list = <T extends z.ZodType>(item: T) => z.array(item).max(LIMITS.listItems).default([]);
const timestamp = instantField.nullable().default(null);

export const keySchema = z
  .string()
  .min(1)
  .max(LIMITS.keyLength)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" or "-", starting with a letter or digit');

export const titleSchema = z.string().trim().min(1).max(LIMITS.titleLength);

export const checkItemSchema = z.object({
  text: z.string().min(1).max(LIMITS.titleLength * 4),
  done: z.boolean().default(false),
  rule: nullableText(2_000),
  doneBy: nullableText(LIMITS.ownerLength),
  doneAt: timestamp,
});

export const commentSchema = z.object({
  author: text(LIMITS.ownerLength),
  body: text(),
  at: instantField,
});

export const issueSchema = z.object({
  key: keySchema,
  title: titleSchema,
  severity: z.enum(SEVERITIES),
  status: z.enum(STATUSES).default('backlog'),
  owner: nullableText(LIMITS.ownerLength),
  estimateMinutes: z.number().int().nonnegative().max(LIMITS.estimateMinutes).nullable().default(null),
  dueDate: dayField.nullable().default(null),
  files: list(text(2_000)),
  phase: nullableText(LIMITS.keyLength),
  labels: list(text(LIMITS.labelLength)),
  links: list(text(2_000)),
  source: text(100).default('manual'),
  description: nullableText(),
  /** Columns of an imported table that have no field of their own, kept by header name. */
  extra: z.record(z.string().max(200), text(2_000)).default({}),
  createdAt: timestamp,
  startedAt: timestamp,
  resolvedAt: timestamp,
  comments: list(commentSchema),
});

export const phaseSchema = z.object({
  key: keySchema,
  name: text(LIMITS.titleLength),
  order: z.number().int().nonnegative(),
  state: z.enum(PHASE_STATES).default('planned'),
  label: nullableText(100),
  window: nullableText(200),
  branch: nullableText(500),
  hours: z.number().nonnegative().max(1_000_000).nullable().default(null),
  deliverables: list(text(2_000)),
  items: list(checkItemSchema),
  /** The phase this one is a step of (a week's days); absent in older documents. */
  parent: keySchema.nullable().optional(),
});

export const checklistSchema = z.object({
  key: keySchema,
  title: text(LIMITS.titleLength),
  section: nullableText(LIMITS.titleLength),
  items: list(checkItemSchema),
});

export const kpiValueSchema = z.object({ value: z.number(), at: instantField });

export const kpiSchema = z.object({
  key: keySchema,
  name: text(LIMITS.titleLength),
  unit: nullableText(50),
  target: z.number().nullable().default(null),
  comparator: z.enum(COMPARATORS).nullable().default(null),
  phase: nullableText(LIMITS.keyLength),
  values: list(kpiValueSchema),
});

export const riskSchema = z.object({
  title: text(LIMITS.titleLength * 4),
  category: nullableText(100),
  mitigation: nullableText(),
  likelihood: nullableText(50),
  impact: nullableText(50),
  owner: nullableText(LIMITS.ownerLength),
  status: z.string().max(50).default('open'),
});

export const teamSchema = z.object({
  name: text(LIMITS.ownerLength).min(1),
  focus: nullableText(2_000),
  members: list(text(LIMITS.ownerLength)),
  capacityHours: z.number().nonnegative().max(100_000).nullable().default(null),
});

export const escalationSchema = z.object({
  level: z.number().int().positive().max(100),
  afterMinutes: z.number().int().nonnegative().max(5_256_000).nullable().default(null),
  scope: nullableText(2_000),
  severities: list(z.enum(SEVERITIES)),
  contacts: list(text(LIMITS.ownerLength)),
  resolution: nullableText(2_000),
  /** The window counts working hours on the project's calendar, not wall-clock time. */
  businessHours: z.boolean().default(false),
  /** Scope beyond severities: an empty list matches any value. */
  phases: list(text(LIMITS.keyLength)),
  labels: list(text(LIMITS.labelLength)),
  owners: list(text(LIMITS.ownerLength)),
  /** Names of channels configured in punchlist.yaml (escalation.channels); never URLs or secrets. */
  channels: list(text(100)),
  /** Fires again every so many minutes until acknowledged; null fires once. */
  repeatMinutes: z.number().int().positive().max(5_256_000).nullable().default(null),
});

/** The fields a level has beyond what an escalation matrix in Markdown says. */
export const LEVEL_POLICY_DEFAULTS = {
  businessHours: false,
  phases: [],
  labels: [],
  owners: [],
  channels: [],
  repeatMinutes: null,
} as const satisfies Partial<z.infer<typeof escalationSchema>>;

export const actionSchema = z.object({
  title: text(LIMITS.titleLength * 4),
  kind: z.enum(['action', 'next_step']).default('action'),
  estimateMinutes: z.number().int().nonnegative().max(LIMITS.estimateMinutes).nullable().default(null),
  snippet: nullableText(),
  snippetLang: nullableText(50),
});

export const noteSchema = z.object({
  section: text(LIMITS.titleLength * 4),
  markdown: text(),
});

export const projectSchema = z.object({
  key: keySchema,
  name: text(LIMITS.titleLength).min(1),
  title: nullableText(LIMITS.titleLength),
  owner: nullableText(LIMITS.ownerLength),
  date: nullableText(100),
  status: nullableText(LIMITS.titleLength),
  summary: nullableText(),
});

const offset = z.number().int().nonnegative();
const listRef = { l: z.enum(['phase', 'checklist']), k: keySchema, i: z.number().int().nonnegative() };

/**
 * Where the live values sit in an imported document's own text (SPEC §4): spans of `markdown`
 * that a report rewrites from the store, everything else is written back as the author wrote it.
 * `r` an issue row (`h` digests the row's values as imported, `c` its cell spans relative to `s`),
 * `e` the end of an issue table (where rows added since go), `b` a task's check box, `v` the spot
 * after a task where its live rule result goes, `f` a count of issues (a standup figure, "Critical
 * Issues (12)", "12 critical issues remain"), `n` a count of a list's tasks done ("3/10 done"),
 * `h` a header field's value (`w` as imported), `p` a phase's state label, `l` the end of a task
 * list (`n` items at import, `p` the text each line starts with) where items added since go;
 * `a` the end of the author's risk or KPI table or plan (`w` which), where risks, KPIs and phases
 * added since go: `n` how many the document held up to there, `c` each table column's role (a row
 * is written in those columns), or `p` the heading prefix a new phase is written with; `t` an
 * ETA the author wrote for a phase (`k`) or the whole project (`k` null), `w` as written: a report
 * puts the forecast's date in its place.
 */
export const slotSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('r'), s: offset, e: offset, k: keySchema, tb: offset, h: z.string().max(20), c: z.array(offset).max(400) }),
  z.object({ t: z.literal('e'), s: offset, e: offset, tb: offset }),
  z.object({ t: z.literal('b'), s: offset, e: offset, ...listRef, d: z.boolean() }),
  z.object({ t: z.literal('v'), s: offset, e: offset, ...listRef }),
  // The live state of the escalation section, written after its last block.
  z.object({ t: z.literal('x'), s: offset, e: offset }),
  z.object({
    t: z.literal('f'),
    s: offset,
    e: offset,
    m: z.enum(['completed', 'inProgress', 'blocked', 'open', 'total']),
    sv: z.enum(SEVERITIES).nullable(),
    of: z.boolean(),
  }),
  z.object({ t: z.literal('n'), s: offset, e: offset, l: listRef.l, k: keySchema, of: z.boolean() }),
  z.object({ t: z.literal('h'), s: offset, e: offset, f: z.enum(['owner', 'date', 'status']), w: z.string().max(2_000) }),
  z.object({ t: z.literal('p'), s: offset, e: offset, k: keySchema, st: z.enum(PHASE_STATES) }),
  z.object({ t: z.literal('l'), s: offset, e: offset, l: listRef.l, k: keySchema, n: offset, p: z.string().max(200) }),
  z.object({
    t: z.literal('a'),
    s: offset,
    e: offset,
    w: z.enum(['risk', 'kpi', 'phase']),
    n: offset,
    c: z.array(z.string().max(20).nullable()).max(200),
    p: z.string().max(200).optional(),
  }),
  z.object({ t: z.literal('t'), s: offset, e: offset, k: keySchema.nullable(), w: z.string().max(200) }),
]);

/** An issue table of the source: what each column holds, and the tier its heading names. */
export const sourceTableSchema = z.object({
  fields: z.array(z.string().max(20).nullable()).max(200),
  headers: z.array(z.string().max(200)).max(200),
  severity: z.enum(SEVERITIES).nullable(),
  phase: keySchema.nullable(),
  /** How the author wrote a value in this table (`status:resolved` → `✅ Done`), for rows that change. */
  styles: z.record(z.string().max(60), z.string().max(200)).default({}),
  /** A register written as a list (import-bullets.ts): the text each of its lines starts with. */
  p: z.string().max(200).optional(),
});

export const documentSourceSchema = z.object({
  format: z.literal('markdown'),
  markdown: z.string().max(LIMITS.markdownBytes),
  tables: z.array(sourceTableSchema).max(100_000),
  slots: z.array(slotSchema).max(5_000_000),
  /** Kinds of section the author wrote (register, standup, phases, ...): `--add-missing` adds the rest. */
  kinds: z.array(z.string().max(40)).max(40),
});

export const projectDocumentSchema = z
  .object({
    version: z.literal(1),
    project: projectSchema,
    issues: z.array(issueSchema).max(LIMITS.documentIssues).default([]),
    phases: list(phaseSchema),
    checklists: list(checklistSchema),
    kpis: list(kpiSchema),
    risks: list(riskSchema),
    teams: list(teamSchema),
    escalation: list(escalationSchema),
    actions: list(actionSchema),
    notes: list(noteSchema),
    /** The Markdown the project was imported from, as a skeleton with its live spans; optional. */
    source: documentSourceSchema.nullable().optional(),
  })
  .strict();

export type CheckItem = z.infer<typeof checkItemSchema>;
export type Comment = z.infer<typeof commentSchema>;
export type IssueDoc = z.infer<typeof issueSchema>;
export type PhaseDoc = z.infer<typeof phaseSchema>;
export type ChecklistDoc = z.infer<typeof checklistSchema>;
export type KpiDoc = z.infer<typeof kpiSchema>;
export type RiskDoc = z.infer<typeof riskSchema>;
export type TeamDoc = z.infer<typeof teamSchema>;
export type EscalationDoc = z.infer<typeof escalationSchema>;
export type ActionDoc = z.infer<typeof actionSchema>;
export type NoteDoc = z.infer<typeof noteSchema>;
export type Slot = z.infer<typeof slotSchema>;
export type SourceTable = z.infer<typeof sourceTableSchema>;
export type DocumentSource = z.infer<typeof documentSourceSchema>;
export type ProjectDoc = z.infer<typeof projectSchema>;
export type ProjectDocument = z.infer<typeof projectDocumentSchema>;
/** What a caller may hand in: defaults not yet applied. */
export type ProjectDocumentInput = z.input<typeof projectDocumentSchema>;

export function emptyDocument(project: ProjectDoc): ProjectDocument {
  return {
    version: 1,
    project,
    issues: [],
    phases: [],
    checklists: [],
    kpis: [],
    risks: [],
    teams: [],
    escalation: [],
    actions: [],
    notes: [],
  };
}
