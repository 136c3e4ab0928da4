import type Sqlite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Dialect } from '../domain/ports.js';
import type { Database } from './schema.js';

/**
 * What every repository works on: the Kysely handle (the store's, or the open transaction's),
 * the dialect for the few places that differ, and on SQLite the raw connection for cached
 * prepared statements on hot paths (inside `write`, it is the same connection and transaction).
 */
export interface DbContext {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  readonly sqlite: Sqlite.Database | null;
  /** Where the store is (password masked), for the messages of mapped driver errors. */
  readonly location?: string;
  /**
   * PostgreSQL outside a transaction only: runs a read as a named prepared statement on a pooled
   * connection, rows as arrays (dialect.ts, `preparedArrays`).
   */
  readonly prepared?: (name: string, text: string, values: readonly unknown[]) => Promise<unknown[][]>;
}

export const json = (value: unknown): string => JSON.stringify(value);

export function parseJson<T>(text: string | null | undefined, fallback: T): T {
  if (text === null || text === undefined || text === '') return fallback;
  // Most list and map columns are empty: skip the parser for them.
  if (text === '[]') return [] as T;
  if (text === '{}') return {} as T;
  return JSON.parse(text) as T;
}

export const nowIso = (): string => new Date().toISOString();
