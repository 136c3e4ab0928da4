// Applying and producing the project document (SPEC §3): the contract between Markdown import,
// the store, backups and the API. Applying is idempotent by key: the same document twice
// changes nothing, not even the event log; a newer one updates by key and records events.
import {
  type CheckItem,
  type IssueDoc,
  type ProjectDoc,
  type ProjectDocument,
  projectDocumentSchema,
} from '../domain/document.js';
import { PunchlistError } from '../domain/errors.js';
import type { Issue, IssueFields, NewEvent, Project } from '../domain/model.js';
import type { Sections, Store, StoreSession } from '../domain/ports.js';
import { parseWith } from '../domain/validate.js';
import { validateRuleLimits } from '../rules/compile.js';
import { issueNumberOf } from '../domain/project-key.js';
import { takeSnapshot } from './snapshots.js';
import type { ImportCounts } from '../domain/views.js';
import { statusTimes } from './status-times.js';

export interface ApplyOptions {
  actor: string;
  /** Remove issues that the document no longer lists (otherwise they are only reported). */
  prune?: boolean;
  /** Compute everything inside a transaction, then roll it back. */
  dryRun?: boolean;
  /** Checks every rule before anything is written (the rules module's validator). */
  validateRule?: (rule: string, where: string) => void;
}

export interface ApplyResult extends ImportCounts {
  project: Project;
}

/** Creation events written per statement batch by an import. */
const EVENT_SLICE = 5_000;

const SECTION_NAMES = ['phases', 'checklists', 'kpis', 'risks', 'teams', 'escalation', 'actions', 'notes'] as const;
const ISSUE_FIELDS = [
  'title', 'severity', 'status', 'owner', 'estimateMinutes', 'dueDate', 'files', 'phase',
  'labels', 'links', 'source', 'description', 'extra',
] as const satisfies readonly (keyof IssueFields & keyof IssueDoc)[];
const PROJECT_FIELDS = ['name', 'title', 'owner', 'date', 'status', 'summary'] as const;

class DryRunRollback extends Error {
  constructor(readonly results: ApplyResult[]) {
    super('dry run');
  }
}

/** Validates anything (parsed JSON or YAML) as a project document; one line on failure. */
export function parseDocument(input: unknown): ProjectDocument {
  return normaliseTimes(parseWith(projectDocumentSchema, input, 'document'));
}

/** Everything applyDocument checks before it writes: a multi-file import checks every file first. */
export function checkDocument(input: unknown): void {
  const doc = parseDocument(input);
  checkUniqueKeys(doc);
  validateRules(doc, validateRuleLimits);
}

export async function applyDocument(store: Store, input: ProjectDocument, options: ApplyOptions): Promise<ApplyResult> {
  const [result] = await applyDocuments(store, [{ document: input }], options);
  return result!;
}

export interface DocumentToApply {
  document: ProjectDocument;
  /** Markdown: a project that already exists keeps its name; the document only fills in what it states. */
  keepStoredName?: boolean;
  /**
   * The document is projectDocumentSchema's own output (Markdown import validates what it
   * builds): not validated a second time, which for 100,000 issues costs about a second.
   */
  validated?: boolean;
}

/**
 * Several documents (a multi-file import) in ONE store transaction, in order: all or nothing,
 * like ingest. Every document is checked before the transaction starts; an error that only shows
 * while writing a later one (a key clashing with the store) rolls back the earlier ones too.
 */
export async function applyDocuments(store: Store, inputs: readonly DocumentToApply[], options: ApplyOptions): Promise<ApplyResult[]> {
  const docs = inputs.map((input) => {
    const doc = input.validated ? normaliseTimes(input.document) : parseDocument(input.document);
    checkUniqueKeys(doc);
    validateRules(doc, options.validateRule ?? validateRuleLimits);
    return { doc, keepStoredName: Boolean(input.keepStoredName) };
  });
  try {
    return await store.write(async (tx) => {
      const results: ApplyResult[] = [];
      for (const { doc, keepStoredName } of docs) {
        if (keepStoredName) {
          const existing = await tx.projects.get(doc.project.key);
          if (existing) doc.project.name = existing.name;
        }
        results.push(await applyInSession(tx, doc, options));
      }
      if (options.dryRun) throw new DryRunRollback(results);
      return results;
    });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.results;
    throw error;
  }
}

async function applyInSession(tx: StoreSession, doc: ProjectDocument, options: ApplyOptions): Promise<ApplyResult> {
  const events: NewEvent[] = [];
  const { project, created: projectCreated } = await upsertProject(tx, doc.project, options.actor, events);
  const result: ApplyResult = {
    project,
    projectCreated,
    created: [],
    updated: [],
    unchanged: 0,
    missing: [],
    pruned: [],
    sections: [],
  };

  const existing = new Map((await tx.issues.list(project.id)).map((i) => [i.key, i]));
  const comments = await tx.issues.commentsOfProject(project.id);
  const folded = new Map([...existing.keys()].map((key) => [key.toLowerCase(), key]));
  const fresh: IssueDoc[] = [];
  for (const issue of doc.issues) {
    const current = existing.get(issue.key);
    existing.delete(issue.key);
    if (!current) {
      const other = folded.get(issue.key.toLowerCase());
      if (other !== undefined) {
        throw new PunchlistError('bad_input', `issue ${issue.key}: clashes with ${other} in project ${project.key}; keys are unique regardless of case`);
      }
      fresh.push(issue);
      continue;
    }
    const changes = diffIssue(current, issue);
    const known = new Set((comments.get(current.id) ?? []).map((c) => `${c.at}\u0000${c.author}\u0000${c.body}`));
    const newComments = issue.comments.filter((c) => !known.has(`${c.at}\u0000${c.author}\u0000${c.body}`));
    if (Object.keys(changes).length === 0 && newComments.length === 0) {
      result.unchanged++;
      continue;
    }
    if (Object.keys(changes).length > 0) {
      const patch = Object.fromEntries(Object.entries(changes).map(([k, [, after]]) => [k, after])) as Partial<IssueFields>;
      await tx.issues.update(current.id, { ...patch, ...statusTimes(current, patch) }, current.version);
    }
    for (const c of newComments) await tx.issues.addComment(current.id, c.author, c.body, c.at);
    result.updated.push(issue.key);
    events.push({
      actor: options.actor,
      action: 'issue.updated',
      entity: 'issue',
      entityKey: issue.key,
      data: { changes, ...(newComments.length ? { commentsAdded: newComments.length } : {}), via: 'import' },
    });
  }

  // New issues go in by batches (a restore of 100,000 issues is a bulk path, not 100,000 inserts).
  const ids = await tx.issues.insertMany(
    project.id,
    fresh.map((issue) => ({
      ...pickIssueFields(issue),
      key: issue.key,
      startedAt: issue.startedAt,
      resolvedAt: issue.resolvedAt,
      ...(issue.createdAt ? { createdAt: issue.createdAt } : {}),
    })),
  );
  await tx.issues.addComments(
    fresh.flatMap((issue) => issue.comments.map((c) => ({ issueId: ids.get(issue.key)!, author: c.author, body: c.body, at: c.at }))),
  );
  // Their events go in a slice at a time, after those before them: the log's order is the same.
  // One time for all of them, as when they went in one statement.
  const at = new Date().toISOString();
  await tx.events.append(project.id, events.splice(0).map((e) => ({ at, ...e })));
  for (let start = 0; start < fresh.length; start += EVENT_SLICE) {
    const slice = fresh.slice(start, start + EVENT_SLICE);
    for (const issue of slice) result.created.push(issue.key);
    await tx.events.append(
      project.id,
      slice.map((issue) => ({ at, actor: options.actor, action: 'issue.created', entity: 'issue', entityKey: issue.key, data: { after: createdWith(issue), via: 'import' } })),
    );
  }

  for (const [key, issue] of existing) {
    if (options.prune) {
      await tx.issues.delete(issue.id);
      result.pruned.push(key);
      events.push({ actor: options.actor, action: 'issue.deleted', entity: 'issue', entityKey: key, data: { before: issue, via: 'import --prune' } });
    } else {
      result.missing.push(key);
    }
  }

  // Keys numbered like ours (`TW-7`) came from an export: numbering continues after the highest.
  // A loop, not Math.max(...all): 200,000 arguments overflow the stack (a 20 MB document did).
  const highest = doc.issues.reduce((most, i) => Math.max(most, issueNumberOf(project.key, i.key) ?? 0), 0);
  if (highest > 0) await tx.projects.issueNumberUsed(project.id, highest);

  const before = await tx.sections.load(project.id);
  const incoming: Sections = {
    ...doc,
    phases: withKnownStamps(doc.phases, before.phases),
    checklists: withKnownStamps(doc.checklists, before.checklists),
  };
  const changed: Partial<Sections> = {};
  for (const name of SECTION_NAMES) {
    if (!sameJson(sectionForCompare(name, before[name]), sectionForCompare(name, incoming[name]))) {
      (changed as Record<string, unknown>)[name] = incoming[name];
      result.sections.push(name);
      events.push({ actor: options.actor, action: 'section.updated', entity: 'section', entityKey: name, data: { before: before[name], after: incoming[name] } });
    }
  }
  if (result.sections.length > 0) await tx.sections.replace(project.id, changed);
  // A document without a source leaves the stored one alone; `source: null` removes it.
  if (doc.source !== undefined) {
    const current = await tx.sections.loadSource(project.id);
    // A first import has none stored: no need to spell a 100,000-row skeleton as JSON to compare.
    if (current === null ? doc.source !== null : !sameJson(current, doc.source)) {
      await tx.sections.replaceSource(project.id, doc.source);
      result.sections.push('source');
      events.push({ actor: options.actor, action: 'section.updated', entity: 'section', entityKey: 'source', data: { bytes: doc.source?.markdown.length ?? 0 } });
    }
  }
  await tx.events.append(project.id, events.map((e) => ({ at, ...e })));
  if (result.created.length + result.updated.length + result.pruned.length > 0) await takeSnapshot(tx, project);
  return result;
}

async function upsertProject(tx: StoreSession, doc: ProjectDoc, actor: string, events: NewEvent[]) {
  const current = await tx.projects.get(doc.key);
  if (!current) {
    const project = await tx.projects.insert(doc);
    events.push({ actor, action: 'project.created', entity: 'project', entityKey: doc.key, data: { after: doc } });
    return { project, created: true };
  }
  const changes: Record<string, [unknown, unknown]> = {};
  for (const field of PROJECT_FIELDS) {
    if (current[field] !== doc[field]) changes[field] = [current[field], doc[field]];
  }
  if (Object.keys(changes).length === 0) return { project: current, created: false };
  const project = await tx.projects.update(current.id, doc, current.version);
  events.push({ actor, action: 'project.updated', entity: 'project', entityKey: doc.key, data: { changes } });
  return { project, created: false };
}

/**
 * What a created issue's event records: every field the issue was created with, less the key (the
 * event's own) and the empty ones (null, [], {}), which are what an issue holds when a field is
 * not given. The issue as created is that plus the empties; a 100,000-row import writes half the bytes.
 */
export function createdWith(issue: IssueDoc): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(issue)) {
    if (field === 'key' || value === null || value === undefined) continue;
    if (typeof value === 'object' && (Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0)) continue;
    out[field] = value;
  }
  return out;
}

function pickIssueFields(issue: IssueDoc): Partial<IssueFields> & Pick<IssueDoc, 'title' | 'severity'> {
  const out: Record<string, unknown> = {};
  for (const field of ISSUE_FIELDS) out[field] = issue[field];
  return out as Partial<IssueFields> & Pick<IssueDoc, 'title' | 'severity'>;
}

function diffIssue(current: Issue, doc: IssueDoc): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const field of ISSUE_FIELDS) {
    if (!sameJson(current[field], doc[field])) changes[field] = [current[field], doc[field]];
  }
  // Timestamps are only taken from a document that carries them (a backup), never erased.
  for (const field of ['startedAt', 'resolvedAt'] as const) {
    if (doc[field] !== null && doc[field] !== current[field]) changes[field] = [current[field], doc[field]];
  }
  return changes;
}

function sectionForCompare(name: (typeof SECTION_NAMES)[number], value: unknown): unknown {
  // KPI values only ever accumulate; a document without them does not erase history.
  if (name !== 'kpis') return value;
  return (value as { values: unknown }[]).map(({ values: _values, ...kpi }) => kpi);
}

/**
 * A document that says an item is done without saying who and when (Markdown, a rendered
 * report) keeps the stamps already recorded for that same item: re-importing does not erase them.
 */
function withKnownStamps<T extends { key: string; items: CheckItem[] }>(incoming: T[], existing: T[]): T[] {
  const known = new Map(existing.flatMap((list) => list.items.map((item) => [`${list.key}\u0000${item.text}`, item] as const)));
  return incoming.map((list) => ({
    ...list,
    items: list.items.map((item) => {
      const stamped = known.get(`${list.key}\u0000${item.text}`);
      if (!stamped || stamped.done !== item.done || item.doneBy !== null || item.doneAt !== null) return item;
      return { ...item, doneBy: stamped.doneBy, doneAt: stamped.doneAt };
    }),
  }));
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function checkUniqueKeys(doc: ProjectDocument): void {
  const sections: [string, { key: string }[]][] = [
    ['issues', doc.issues],
    ['phases', doc.phases],
    ['checklists', doc.checklists],
    ['kpis', doc.kpis],
  ];
  for (const [name, items] of sections) {
    // Issue keys are unique regardless of case (`tb-1` beside `TB-1` is the same key twice).
    const fold = name === 'issues' ? (key: string) => key.toLowerCase() : (key: string) => key;
    const seen = new Map<string, string>();
    items.forEach((item, index) => {
      const other = seen.get(fold(item.key));
      if (other === item.key) {
        throw new PunchlistError('bad_input', `document.${name}[${index}].key: "${item.key}" appears twice; keys must be unique`);
      }
      if (other !== undefined) {
        throw new PunchlistError('bad_input', `document.${name}[${index}].key: "${item.key}" clashes with "${other}"; keys are unique regardless of case`);
      }
      seen.set(fold(item.key), item.key);
    });
  }
}

function validateRules(doc: ProjectDocument, validate: (rule: string, where: string) => void): void {
  doc.phases.forEach((p, i) => p.items.forEach((item, j) => item.rule && validate(item.rule, `document.phases[${i}].items[${j}].rule`)));
  doc.checklists.forEach((c, i) => c.items.forEach((item, j) => item.rule && validate(item.rule, `document.checklists[${i}].items[${j}].rule`)));
}

/** Times are stored as UTC ISO strings so they sort and compare the same on both stores. */
function normaliseTimes(doc: ProjectDocument): ProjectDocument {
  const iso = (t: string | null): string | null => (t === null ? null : new Date(t).toISOString());
  return {
    ...doc,
    // An issue with no times and no comments (every row of a Markdown register) is kept as it is.
    issues: doc.issues.map((i) =>
      i.createdAt === null && i.startedAt === null && i.resolvedAt === null && i.comments.length === 0
        ? i
        : {
            ...i,
            createdAt: iso(i.createdAt),
            startedAt: iso(i.startedAt),
            resolvedAt: iso(i.resolvedAt),
            comments: i.comments.map((c) => ({ ...c, at: new Date(c.at).toISOString() })),
          },
    ),
    kpis: doc.kpis.map((k) => ({ ...k, values: k.values.map((v) => ({ ...v, at: new Date(v.at).toISOString() })) })),
    phases: doc.phases.map(({ parent, ...p }) => ({
      ...p,
      items: p.items.map((it) => ({ ...it, doneAt: iso(it.doneAt) })),
      // A top-level phase has no parent field at all, as in documents written before phases nested.
      ...(parent ? { parent } : {}),
    })),
    checklists: doc.checklists.map((c) => ({ ...c, items: c.items.map((it) => ({ ...it, doneAt: iso(it.doneAt) })) })),
  };
}

/**
 * The project's document from the store. Markdown and HTML reports pass `shown: true`: the
 * register is then read with only the columns they show, in one statement (issues.documents).
 */
export async function exportDocument(session: StoreSession, projectKey: string, options: { comments?: boolean; shown?: boolean } = {}): Promise<ProjectDocument> {
  const project = await session.projects.get(projectKey);
  if (!project) throw new PunchlistError('not_found', `project: no project "${projectKey}"`);
  const [issues, sections, source] = await Promise.all([
    session.issues.documents(project.id, options.shown ? { shown: true } : { comments: options.comments ?? true }),
    session.sections.load(project.id),
    session.sections.loadSource(project.id),
  ]);
  return {
    version: 1,
    project: {
      key: project.key,
      name: project.name,
      title: project.title,
      owner: project.owner,
      date: project.date,
      status: project.status,
      summary: project.summary,
    },
    issues,
    ...sections,
    ...(source !== null ? { source } : {}),
  };
}
