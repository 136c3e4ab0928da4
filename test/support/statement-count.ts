// Counts the statements sent to the database, at the driver, on both stores: better-sqlite3's
// Statement (every prepared statement Kysely or our raw paths run) and pg's Client.query. So no
// query escapes the count, and an N+1 shows as a count that grows with the data.
import Sqlite from 'better-sqlite3';
import pg from 'pg';

let executed = 0;
let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  const probe = new Sqlite(':memory:');
  const statement = Object.getPrototypeOf(probe.prepare('select 1')) as Record<string, (...args: unknown[]) => unknown>;
  probe.close();
  for (const method of ['run', 'all', 'get', 'iterate']) {
    const original = statement[method]!;
    statement[method] = function counted(this: unknown, ...args: unknown[]) {
      executed += 1;
      return original.apply(this, args);
    };
  }
  const client = pg.Client.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const query = client.query!;
  client.query = function counted(this: unknown, ...args: unknown[]) {
    executed += 1;
    return query.apply(this, args);
  };
}

/** Runs `fn` and returns how many statements it sent. */
export async function countStatements<T>(fn: () => Promise<T>): Promise<{ result: T; statements: number }> {
  install();
  const before = executed;
  const result = await fn();
  return { result, statements: executed - before };
}
