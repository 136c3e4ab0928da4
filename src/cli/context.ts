// What every command gets: the store, the project, the actor and the output, all resolved
// lazily from the global options, so a command that needs no store never opens one.
import { basename } from 'node:path';
import { PunchlistError } from '../domain/errors.js';
import { deriveProjectKey } from '../domain/project-key.js';
import type { Project } from '../domain/model.js';
import type { Store } from '../domain/ports.js';
import { resolveActor } from './actor.js';
import { createOutput, type Output } from './output.js';

export interface GlobalOptions {
  project?: string;
  db?: string;
  json?: boolean;
  as?: string;
}

export interface ProjectOptions {
  /** Create the project when the store has none (or not this key). */
  create?: boolean;
  /** Key and name to create it with when --project does not say. */
  suggestedKey?: string;
  suggestedName?: string;
}

export interface CliContext {
  readonly options: GlobalOptions;
  readonly json: boolean;
  readonly out: Output;
  exitCode: number;
  /** Opens the store; only commands that write pass `create` (a read never creates a store). */
  store(options?: { create?: boolean }): Promise<Store>;
  project(store: Store, options?: ProjectOptions): Promise<Project>;
  actor(): string;
  close(): Promise<void>;
}

export function createContext(getOptions: () => GlobalOptions, out: Output = createOutput()): CliContext {
  let store: Promise<Store> | null = null;
  let actor: string | null = null;
  const ctx: CliContext = {
    get options() {
      return getOptions();
    },
    get json() {
      return Boolean(getOptions().json);
    },
    out,
    exitCode: 0,
    store(options = {}) {
      // Loaded on first use: --help and --version never pay for the database layer.
      store ??= import('../store/open-store.js').then(({ openStore, resolveStoreLocation }) =>
        openStore(resolveStoreLocation(getOptions().db), options),
      );
      return store;
    },
    async project(s, options = {}) {
      const wanted = getOptions().project;
      if (wanted) {
        const found = await s.projects.get(wanted);
        if (found) return found;
        if (!options.create) {
          const known = (await s.projects.list()).map((p) => p.key);
          throw new PunchlistError('not_found', `project: no project "${wanted}"${known.length ? ` (known: ${known.join(', ')})` : ''}`);
        }
        return createProject(s, wanted, options.suggestedName ?? wanted);
      }
      const projects = await s.projects.list();
      if (options.suggestedKey) {
        const match = projects.find((p) => p.key === options.suggestedKey);
        if (match) return match;
      }
      if (projects[0] && !(options.create && options.suggestedKey)) return projects[0];
      if (!options.create) {
        throw new PunchlistError('not_found', 'project: the store has no project yet; run `punchlist init` or `punchlist import FILE`');
      }
      const name = options.suggestedName ?? basename(process.cwd());
      return createProject(s, options.suggestedKey ?? deriveProjectKey(name), name);
    },
    actor() {
      actor ??= resolveActor(getOptions().as);
      return actor;
    },
    async close() {
      if (store) await (await store.catch(() => null))?.close();
    },
  };

  async function createProject(s: Store, key: string, name: string): Promise<Project> {
    const { keySchema } = await import('../domain/document.js');
    const parsed = keySchema.safeParse(key);
    if (!parsed.success) throw new PunchlistError('bad_input', `--project: "${key}" is not a valid key (${parsed.error.issues[0]?.message})`);
    const at = new Date().toISOString();
    return s.write(async (tx) => {
      const project = await tx.projects.insert({ key, name, title: null, owner: null, date: null, status: null, summary: null }, at);
      await tx.events.append(project.id, [
        { actor: ctx.actor(), at, action: 'project.created', entity: 'project', entityKey: key, data: { after: { key, name } } },
      ]);
      return project;
    });
  }

  return ctx;
}
