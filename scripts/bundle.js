// Bundles the CLI into a few ESM files: loading hundreds of small modules (Kysely alone has
// ~400) costs more start-up time than every command's work on a 100k-issue store. Code used
// by only some commands is imported lazily and lands in chunks of its own.
import { rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist/bundle', { recursive: true, force: true });

await build({
  entryPoints: { punchlist: 'src/cli/main.ts' },
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Native or optional drivers stay as packages, and so does the server's stack (loaded only by
  // `serve`; Swagger UI and the static plugin read files next to their own sources).
  external: [
    'better-sqlite3', 'pg', 'pg-native', 'pino', 'thread-stream',
    'fastify', '@fastify/*', 'fastify-type-provider-zod', '@node-rs/argon2', 'prom-client',
  ],
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
  legalComments: 'none',
  // Less source to compile at every start; names are kept so stack traces stay readable.
  minifyWhitespace: true,
  minifySyntax: true,
});

// The bundle's types are the compiled entry's (tsc emits declarations), so bin/punchlist.js is
// type-checked like the scripts and benches that import dist/.
writeFileSync('dist/bundle/punchlist.d.ts', "export { main } from '../cli/main.js';\n");
