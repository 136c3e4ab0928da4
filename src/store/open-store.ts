// Where the store is: --db, else PUNCHLIST_DB, else DATABASE_URL, else the nearest `.punchlist/`
// found by walking up from the working directory (created in it when a command may create one).
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PunchlistError } from '../domain/errors.js';
import type { Store } from '../domain/ports.js';
import { maskSecrets } from './mask.js';
import { openSqliteStore } from './sqlite.js';

export const STORE_DIR = '.punchlist';
export const STORE_FILE = 'punchlist.db';

export type StoreLocation = { kind: 'postgres'; url: string } | { kind: 'sqlite'; path: string };

export interface OpenOptions {
  /** May the store be created when it is not there? Only commands that write say yes. */
  create?: boolean;
}

const isPostgresUrl = (value: string): boolean => /^postgres(ql)?:\/\//i.test(value);
// Another database's URL, or a libpq keyword string ("host=… password=…"): never a file name.
const isOtherUrl = (value: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(value);
const isKeywordString = (value: string): boolean => /(^|\s)(host|hostaddr|port|dbname|user|password|sslmode|service)\s*=/i.test(value);

export function resolveStoreLocation(
  explicit: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
): StoreLocation {
  const source = explicit !== undefined ? '--db' : env.PUNCHLIST_DB !== undefined && env.PUNCHLIST_DB !== '' ? 'PUNCHLIST_DB' : 'DATABASE_URL';
  const given = explicit ?? (env.PUNCHLIST_DB || undefined) ?? env.DATABASE_URL;
  if (given !== undefined && given !== '') {
    if (isPostgresUrl(given)) return { kind: 'postgres', url: given };
    if (isOtherUrl(given) || isKeywordString(given)) {
      throw new PunchlistError(
        'bad_input',
        `${source}: "${maskSecrets(given)}" is neither a postgres:// URL nor a path to a store (SQLite or PostgreSQL only)`,
      );
    }
    const path = resolve(cwd, given);
    const isDir = given.endsWith('/') || (existsSync(path) && statSync(path).isDirectory());
    return { kind: 'sqlite', path: isDir ? join(path, STORE_FILE) : path };
  }
  return { kind: 'sqlite', path: join(findStoreDir(cwd) ?? join(cwd, STORE_DIR), STORE_FILE) };
}

function findStoreDir(from: string): string | null {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const candidate = join(dir, STORE_DIR);
    if (existsSync(candidate) && statSync(candidate).isDirectory()) return candidate;
    if (dirname(dir) === dir) return null;
  }
}

export async function openStore(location: StoreLocation, options: OpenOptions = {}): Promise<Store> {
  if (location.kind === 'sqlite') {
    if (!options.create && location.path !== ':memory:' && !existsSync(location.path)) {
      // A read in the wrong directory must not leave an empty store behind that hides the real one.
      throw new PunchlistError('not_found', `no store here (${location.path}); run \`punchlist init\` or \`punchlist import FILE\``);
    }
    return openSqliteStore(location.path);
  }
  // pg is loaded only when asked for: most CLI calls use the embedded store and start faster.
  const { openPostgresStore } = await import('./postgres.js');
  return openPostgresStore(location.url);
}
