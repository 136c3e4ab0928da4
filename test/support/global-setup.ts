// One PostgreSQL server for the whole test run; test files reach it through PUNCHLIST_TEST_PG.
import { findPostgresBin, startPostgres, type PostgresServer } from './postgres-server.js';

let server: PostgresServer | null = null;

export async function setup(): Promise<void> {
  if (process.env.PUNCHLIST_TEST_PG) return;
  const bin = findPostgresBin();
  if (!bin) {
    if (process.env.CI) throw new Error('PostgreSQL is not installed; .ci/run installs it (apt-get install postgresql)');
    console.warn('PostgreSQL not found: the PostgreSQL half of the store suite is skipped on this machine.');
    return;
  }
  server = await startPostgres(bin);
  process.env.PUNCHLIST_TEST_PG = server.url;
}

export function teardown(): void {
  server?.stop();
}
