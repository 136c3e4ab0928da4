// A real punchlist for the browser tests: a fresh SQLite store with the example audit imported
// and real tool output ingested, three accounts (one per role), and `punchlist serve` on a free
// loopback port — the same commands a user runs, through the built CLI.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..', '..');
const BIN = join(ROOT, 'bin', 'punchlist.js');

export const ACCOUNTS = {
  admin: { name: 'ada', password: 'ada-password-123', role: 'admin' },
  member: { name: 'max', password: 'max-password-123', role: 'member' },
  viewer: { name: 'vic', password: 'vic-password-123', role: 'viewer' },
} as const;
export type RoleName = keyof typeof ACCOUNTS;

export interface Stack {
  url: string;
  db: string;
  dir: string;
  cli(args: string[], input?: string): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function startStack(options: { seed?: boolean; env?: Record<string, string> } = {}): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), 'punchlist-web-'));
  const db = join(dir, 'punchlist.db');
  const env = { ...process.env, PUNCHLIST_DB: db, PUNCHLIST_USER: 'setup', ...options.env };
  const cli = (args: string[], input?: string): string => {
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env, encoding: 'utf8', input });
    if (r.status !== 0 && r.status !== 1) throw new Error(`punchlist ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
    return r.stdout;
  };
  if (options.seed !== false) {
    cli(['import', 'examples/audit.md']);
    cli(['ingest', 'test/fixtures/ingest/tsc-plain.txt', 'test/fixtures/ingest/eslint.sarif', 'test/fixtures/ingest/vitest-junit.xml', '--root', '/tmp/fixture-work', '--commit', 'web-test']);
  }
  for (const account of Object.values(ACCOUNTS)) cli(['user', 'add', account.name, '--role', account.role, '--password-stdin'], account.password);

  const port = await freePort();
  const server: ChildProcess = spawn(process.execPath, [BIN, 'serve', '--port', String(port), '--log-level', 'warn'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  server.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`punchlist serve exited (${server.exitCode}): ${stderr}`);
    const ready = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`punchlist serve did not become ready: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    db,
    dir,
    cli,
    async stop() {
      if (server.exitCode !== null) return;
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    },
  };
}
