// Where the store is: --db, else PUNCHLIST_DB, else DATABASE_URL, else the nearest `.punchlist/`
// found by walking up from the working directory (created in it when there is none).
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Store } from '../domain/ports.js';
import { openSqliteStore } from './sqlite.js';

export const STORE_DIR = '.punchlist';
export const STORE_FILE = 'punchlist.db';

export type StoreLocation = { kind: 'postgres'; url: string } | { kind: 'sqlite'; path: string };

const isPostgresUrl = (value: string): boolean => /^postgres(ql)?:\/\//i.test(value);

export function resolveStoreLocation(
  explicit: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
): StoreLocation {
  const given = explicit ?? env.PUNCHLIST_DB ?? env.DATABASE_URL;
  if (given !== undefined && given !== '') {
    if (isPostgresUrl(given)) return { kind: 'postgres', url: given };
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

export async function openStore(location: StoreLocation): Promise<Store> {
  if (location.kind === 'sqlite') return openSqliteStore(location.path);
  // pg is loaded only when asked for: most CLI calls use the embedded store and start faster.
  const { openPostgresStore } = await import('./postgres.js');
  return openPostgresStore(location.url);
}
