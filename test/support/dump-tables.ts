// Every row of every table of a store, by table: "writes nothing" means this did not change.
// It reads the table list from the database's catalogue, so a table added later is covered.
import type { Store } from '../../src/domain/ports.js';

export type TableDump = Record<string, unknown[][]>;

export async function dumpTables(store: Store): Promise<TableDump> {
  const out: TableDump = {};
  for (const table of await store.backup.tables()) {
    const rows: unknown[][] = [];
    for await (const page of store.backup.rows(table, 5_000)) rows.push(...page);
    out[table.name] = rows;
  }
  return out;
}

/** The dump with what merely using a token writes (api_tokens.last_used_at) left out: for a server's store. */
export async function dumpStoreTables(store: Store): Promise<TableDump> {
  const dump = await dumpTables(store);
  const tokens = (await store.backup.tables()).find((t) => t.name === 'api_tokens');
  const at = tokens?.columns.findIndex((c) => c.name === 'last_used_at') ?? -1;
  if (at >= 0) dump.api_tokens = dump.api_tokens!.map((row) => row.map((v, i) => (i === at ? null : v)));
  return dump;
}
