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
