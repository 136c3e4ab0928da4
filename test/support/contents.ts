// Every table's contents, read past the store (the driver, straight from the file or database):
// "writes nothing" is proven by comparing these before and after, never by a flag the code sets.
import Sqlite from 'better-sqlite3';
import pg from 'pg';

export async function storeContents(location: string): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  if (location.startsWith('postgres')) {
    const client = new pg.Client({ connectionString: location });
    await client.connect();
    try {
      const tables = (await client.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`)).rows.map((r) => r.t);
      for (const table of tables) out[table] = (await client.query(`SELECT * FROM "${table}"`)).rows.map((r) => JSON.stringify(r)).sort();
    } finally {
      await client.end();
    }
    return out;
  }
  const db = new Sqlite(location, { readonly: true });
  try {
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all() as string[];
    // Some tables (FTS5 shadow tables) have no rowid: rows are put in a stable order here instead.
    for (const table of tables) out[table] = (db.prepare(`SELECT * FROM "${table}"`).raw().all() as unknown[][]).map((r) => JSON.stringify(r, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v))).sort();
  } finally {
    db.close();
  }
  return out;
}
