// The plan's lists edited whole through the API (risks, teams, escalation levels): versioned by
// a hash of their content, so a stale replacement is refused instead of losing a colleague's edit.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { escalationSchema, riskSchema, teamSchema } from '../domain/document.js';
import { conflict } from '../domain/errors.js';
import { LIMITS } from '../domain/limits.js';
import type { Project } from '../domain/model.js';
import type { Sections, Store, StoreSession } from '../domain/ports.js';
import { parseWith } from '../domain/validate.js';
import type { ChangeContext } from './issues.js';

export const EDITABLE_SECTIONS = {
  risks: z.array(riskSchema).max(LIMITS.listItems),
  teams: z.array(teamSchema).max(LIMITS.listItems),
  escalation: z.array(escalationSchema).max(LIMITS.listItems),
} as const;
export type EditableSection = keyof typeof EDITABLE_SECTIONS;

/** A short content hash: the section's version for If-Match. */
export const sectionVersion = (items: unknown): string => createHash('sha256').update(JSON.stringify(items)).digest('base64url').slice(0, 16);

export async function readSection<K extends keyof Sections>(session: StoreSession, project: Project, name: K): Promise<{ items: Sections[K]; version: string }> {
  const items = (await session.sections.load(project.id))[name];
  return { items, version: sectionVersion(items) };
}

export async function replaceSection(
  store: Store,
  project: Project,
  name: EditableSection,
  input: unknown,
  ctx: ChangeContext & { expectedVersion: string },
): Promise<{ items: Sections[EditableSection]; version: string }> {
  const items: Sections[EditableSection] = parseWith(EDITABLE_SECTIONS[name], input, name);
  return store.write(async (tx) => {
    const before = (await tx.sections.load(project.id))[name];
    const current = sectionVersion(before);
    if (current !== ctx.expectedVersion) throw conflict(`${name}: changed by someone else since you read it (now version ${current}); reload and retry`);
    const at = ctx.at ?? new Date().toISOString();
    await tx.sections.replace(project.id, { [name]: items });
    await tx.events.append(project.id, [{ actor: ctx.actor, at, action: `${name}.replaced`, entity: name, entityKey: null, data: { before, after: items } }]);
    return { items, version: sectionVersion(items) };
  });
}
