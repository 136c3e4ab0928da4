// Runs an uploaded ingest (`punchlist ingest --json`) or restore (`punchlist restore --replace
// --json`) in a child process, the same service the CLI uses, so that parsing and reconciling
// 200,000 results or loading a backup never blocks this server's event loop: better-sqlite3 is
// synchronous, and both are CPU work on either store. The child opens the store by its location;
// SQLite's WAL lets this process keep reading the committed state meanwhile.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PunchlistError } from '../domain/errors.js';

export interface IngestJob {
  storeLocation: string;
  project: string;
  actor: string;
  files: string[];
  tool: string;
  scope?: string;
  commit?: string;
  root: string;
  dryRun: boolean;
  /** Where the child runs: the upload's directory, so no commit is guessed from the server's git. */
  cwd: string;
}

/** The package's own `bin/punchlist.js`, from wherever this module was loaded (src, dist, bundle). */
export function findBin(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'punchlist') return join(dir, 'bin', 'punchlist.js');
    if (dirname(dir) === dir) throw new Error('punchlist: cannot find bin/punchlist.js');
  }
}

export function runIngestJob(job: IngestJob): Promise<unknown> {
  const args = [
    findBin(), '--db', job.storeLocation, '--project', job.project, '--as', job.actor, '--json', 'ingest',
    '--root', job.root, '--tool', job.tool,
    ...(job.scope ? ['--scope', job.scope] : []),
    ...(job.commit ? ['--commit', job.commit] : []),
    ...(job.dryRun ? ['--dry-run'] : []),
    ...job.files,
  ];
  return runCliJob(args, job.cwd, 'ingest');
}

/** `punchlist ARGS --json` in a child: its JSON answer, or its one-line refusal as our error. */
export function runCliJob(args: string[], cwd: string, what: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const { GITHUB_SHA: _g, CI_COMMIT_SHA: _c, ...env } = process.env;
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      const stderr = Buffer.concat(err).toString('utf8').trim();
      if (code === 0) {
        try {
          resolve(JSON.parse(Buffer.concat(out).toString('utf8')));
        } catch {
          reject(new Error(`${what}: unreadable answer from the ${what} process: ${stderr}`));
        }
        return;
      }
      // With --json the refusal is a JSON answer on stdout; without, one line on stderr.
      const answer = parseAnswer(Buffer.concat(out).toString('utf8'));
      const message = answer?.message ?? (stderr.split('\n')[0] ?? '').replace(/^punchlist: /, '');
      if (code === 2) reject(new PunchlistError('bad_input', message));
      else if (code === 3) reject(new PunchlistError(/locked/.test(message) ? 'store_locked' : 'store_unavailable', message));
      else reject(new Error(`${what} process exited ${code}: ${stderr}`));
    });
  });
}

function parseAnswer(text: string): { message: string } | null {
  try {
    const value = JSON.parse(text) as { ok?: unknown; message?: unknown };
    return value.ok === false && typeof value.message === 'string' ? { message: value.message } : null;
  } catch {
    return null;
  }
}
