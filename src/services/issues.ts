// Issue use cases: every change is validated, versioned and written to the event log together.
import { z } from 'zod';
import { keySchema, titleSchema } from '../domain/document.js';
import { SEVERITIES, type Severity, STATUSES, type Status } from '../domain/enums.js';
import { badInput, conflict, notFound, PunchlistError } from '../domain/errors.js';
import { LIMITS } from '../domain/limits.js';
import type { Issue, IssueComment, IssueFields, Project } from '../domain/model.js';
import type { Store, StoreSession } from '../domain/ports.js';
import { parseWith } from '../domain/validate.js';
import { daySchema } from '../domain/date-schemas.js';
import { issueNumberOf } from '../domain/project-key.js';
import { type LinkableIssue, linkedPhase } from '../domain/phase-links.js';
import { statusTimes } from './status-times.js';
import { takeSnapshot } from './snapshots.js';

const textField = (max: number) => z.string().max(max, `at most ${max} characters`);

/** What a person may set on an issue, already read from its text form (see cli/issue.ts). */
export const issueInputSchema = z
  .object({
    title: titleSchema,
    description: textField(LIMITS.textLength).nullable(),
    severity: z.enum(SEVERITIES),
    status: z.enum(STATUSES),
    owner: textField(LIMITS.ownerLength).nullable(),
    estimateMinutes: z.number().int().nonnegative().max(LIMITS.estimateMinutes, `at most ${LIMITS.estimateMinutes} minutes`).nullable(),
    dueDate: daySchema.nullable(),
    files: z.array(textField(2_000)).max(LIMITS.listItems),
    phase: textField(LIMITS.keyLength).nullable(),
    labels: z.array(textField(LIMITS.labelLength).min(1)).max(LIMITS.listItems),
    links: z.array(textField(2_000)).max(LIMITS.listItems),
  })
  .partial();
export type IssueInput = z.infer<typeof issueInputSchema>;

export interface ChangeContext {
  actor: string;
  at?: string;
}

/** A phase an issue is put in must be one of the project's phases. */
async function checkPhase(tx: StoreSession, project: Project, phase: string | null | undefined): Promise<void> {
  if (phase === undefined || phase === null) return;
  const phases = (await tx.sections.load(project.id)).phases.map((p) => p.key);
  if (!phases.includes(phase)) {
    throw badInput(`--phase: no phase "${phase}" in project ${project.key}${phases.length ? ` (known: ${phases.join(', ')})` : ' (it has no phases)'}`);
  }
}

async function phaseByLink(tx: StoreSession, project: Project, issue: LinkableIssue): Promise<string | null> {
  return linkedPhase(await tx.sections.phaseNames(project.id), issue);
}

export async function requireIssue(session: StoreSession, project: Project, key: string): Promise<Issue> {
  const issue = await session.issues.get(project.id, key);
  if (!issue) throw notFound(`issue: no issue "${key}" in project ${project.key}`);
  return issue;
}

export async function addIssue(
  store: Store,
  project: Project,
  input: IssueInput & { title: string; severity: Severity; key?: string },
  ctx: ChangeContext,
): Promise<Issue> {
  const fields = parseWith(issueInputSchema, input);
  const explicitKey = input.key === undefined ? undefined : parseWith(keySchema, input.key, 'key');
  return store.write(async (tx) => {
    await checkPhase(tx, project, fields.phase);
    // An issue given no phase joins the phase that names its folder, a label or its tier.
    const phase = fields.phase !== undefined ? fields.phase : await phaseByLink(tx, project, { severity: input.severity, files: fields.files ?? [], labels: fields.labels ?? [] });
    const key = explicitKey ?? `${project.key}-${await tx.projects.reserveIssueNumbers(project.id, 1)}`;
    const used = explicitKey === undefined ? null : issueNumberOf(project.key, explicitKey);
    if (used !== null) await tx.projects.issueNumberUsed(project.id, used);
    const at = ctx.at ?? new Date().toISOString();
    const issue = await tx.issues.insert(
      project.id,
      {
        ...fields,
        phase,
        key,
        title: input.title,
        severity: input.severity,
        source: 'manual',
        ...statusTimes({ startedAt: null, resolvedAt: null }, fields, at),
      },
      at,
    );
    await tx.events.append(project.id, [
      { actor: ctx.actor, at, action: 'issue.created', entity: 'issue', entityKey: key, data: { after: issue } },
    ]);
    await takeSnapshot(tx, project, at);
    return issue;
  });
}

/**
 * Applies a person's edit. `expectedVersion` (when given) makes the update conditional: a stale
 * one is refused rather than silently overwriting a change the person never saw.
 */
export async function updateIssue(
  store: Store,
  project: Project,
  key: string,
  input: IssueInput,
  ctx: ChangeContext & { expectedVersion?: number; action?: string; comment?: string },
): Promise<Issue> {
  const fields = parseWith(issueInputSchema, input);
  return store.write(async (tx) => {
    const current = await requireIssue(tx, project, key);
    if (fields.phase !== current.phase) await checkPhase(tx, project, fields.phase);
    if (ctx.expectedVersion !== undefined && ctx.expectedVersion !== current.version) {
      throw conflict(`issue ${key}: changed by someone else (now version ${current.version}, you had ${ctx.expectedVersion}); reload and retry`);
    }
    const changes: Record<string, [unknown, unknown]> = {};
    for (const [field, value] of Object.entries(fields) as [keyof IssueFields, unknown][]) {
      if (JSON.stringify(current[field]) !== JSON.stringify(value)) changes[field] = [current[field], value];
    }
    if (Object.keys(changes).length === 0 && !ctx.comment) return current;
    const at = ctx.at ?? new Date().toISOString();
    const patch: Partial<IssueFields> = Object.fromEntries(Object.entries(changes).map(([f, [, after]]) => [f, after]));
    const manualFields = [...new Set([...current.manualFields, ...Object.keys(changes)])].sort();
    let updated = current;
    if (Object.keys(changes).length > 0) {
      const times = statusTimes(current, patch, at);
      for (const [f, v] of Object.entries(times)) changes[f] = [current[f as keyof Issue], v];
      updated = await tx.issues.update(current.id, { ...patch, ...times, manualFields }, current.version, at);
      if (changes.status || changes.severity) await takeSnapshot(tx, project, at);
    }
    if (ctx.comment) await tx.issues.addComment(current.id, ctx.actor, ctx.comment, at);
    await tx.events.append(project.id, [
      {
        actor: ctx.actor,
        at,
        action: ctx.action ?? 'issue.updated',
        entity: 'issue',
        entityKey: key,
        data: { changes, ...(ctx.comment ? { comment: ctx.comment } : {}) },
      },
    ]);
    return updated;
  });
}

const TRANSITIONS: Record<'start' | 'resolve' | 'block' | 'reopen' | 'wontfix', (issue: Issue) => Status> = {
  start: () => 'in_progress',
  resolve: () => 'resolved',
  block: () => 'blocked',
  wontfix: () => 'wont_fix',
  reopen: (issue) => (issue.startedAt ? 'in_progress' : 'backlog'),
};
export type Transition = keyof typeof TRANSITIONS;

export async function transitionIssue(
  store: Store,
  project: Project,
  key: string,
  transition: Transition,
  ctx: ChangeContext & { reason?: string; expectedVersion?: number },
): Promise<Issue> {
  const current = await requireIssue(store, project, key);
  if (ctx.expectedVersion !== undefined && ctx.expectedVersion !== current.version) {
    throw conflict(`issue ${key}: changed by someone else (now version ${current.version}, you had ${ctx.expectedVersion}); reload and retry`);
  }
  const status = TRANSITIONS[transition](current);
  if (transition === 'reopen' && current.status !== 'resolved' && current.status !== 'wont_fix') {
    throw new PunchlistError('bad_input', `issue ${key}: is ${current.status}, not resolved; nothing to reopen`);
  }
  if (current.status === status && !ctx.reason) return current;
  return updateIssue(store, project, key, { status }, {
    ...ctx,
    expectedVersion: current.version,
    action: `issue.${transition}`,
    ...(ctx.reason ? { comment: ctx.reason } : {}),
  });
}

export async function commentIssue(store: Store, project: Project, key: string, body: string, ctx: ChangeContext): Promise<IssueComment> {
  const text = parseWith(z.string().trim().min(1, 'a comment needs some text').max(LIMITS.textLength), body, 'comment');
  return store.write(async (tx) => {
    const issue = await requireIssue(tx, project, key);
    const at = ctx.at ?? new Date().toISOString();
    const comment = await tx.issues.addComment(issue.id, ctx.actor, text, at);
    await tx.events.append(project.id, [
      { actor: ctx.actor, at, action: 'issue.commented', entity: 'issue', entityKey: key, data: { comment: text } },
    ]);
    return comment;
  });
}

/** Deletes an issue (an admin's act); the event keeps what it was. */
export async function deleteIssue(store: Store, project: Project, key: string, ctx: ChangeContext & { expectedVersion?: number }): Promise<void> {
  await store.write(async (tx) => {
    const current = await requireIssue(tx, project, key);
    if (ctx.expectedVersion !== undefined && ctx.expectedVersion !== current.version) {
      throw conflict(`issue ${key}: changed by someone else (now version ${current.version}, you had ${ctx.expectedVersion}); reload and retry`);
    }
    const at = ctx.at ?? new Date().toISOString();
    await tx.issues.delete(current.id);
    await tx.events.append(project.id, [{ actor: ctx.actor, at, action: 'issue.deleted', entity: 'issue', entityKey: key, data: { before: current } }]);
    await takeSnapshot(tx, project, at);
  });
}
