// A PostgreSQL for benches: PUNCHLIST_BENCH_PG if given, else a throwaway local server.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export async function withBenchPostgres(fn) {
  if (process.env.PUNCHLIST_BENCH_PG) return fn(process.env.PUNCHLIST_BENCH_PG);
  const support = fileURLToPath(new URL('../dist-test/postgres-server.js', import.meta.url));
  if (!existsSync(support)) {
    // The test helper is TypeScript; compile just that file for the bench.
    execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', 'test/support/postgres-server.ts', '--outDir', 'dist-test', '--module', 'nodenext', '--target', 'es2022', '--skipLibCheck', '--esModuleInterop'], { stdio: 'inherit' });
  }
  const { findPostgresBin, startPostgres } = await import(support);
  const bin = findPostgresBin();
  if (!bin) {
    console.log('(PostgreSQL not installed: PostgreSQL figures skipped)');
    return undefined;
  }
  const server = await startPostgres(bin);
  try {
    return await fn(server.url);
  } finally {
    server.stop();
  }
}
