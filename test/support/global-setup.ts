// One PostgreSQL server for the whole test run; test files reach it through PUNCHLIST_TEST_PG.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './paths.js';
import { findPostgresBin, startPostgres, type PostgresServer } from './postgres-server.js';

let server: PostgresServer | null = null;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

export async function setup(): Promise<void> {
  // Process-level tests run the built CLI as users do (bin/ loads the bundle): build it when it
  // is missing or older than any source, so they never test yesterday's code.
  const bundle = join(ROOT, 'dist/bundle/punchlist.js');
  if (!existsSync(bundle) || newestMtime(join(ROOT, 'src')) > statSync(bundle).mtimeMs) {
    execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
    execFileSync(process.execPath, [join(ROOT, 'scripts/bundle.js')], { stdio: 'inherit', cwd: ROOT });
  }
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
