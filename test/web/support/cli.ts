// The CLI on the store the browser tests' server uses: a change made behind the page's back.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './stack.js';

export function punchlist(...args: string[]): string {
  const db = process.env.PUNCHLIST_WEB_DB;
  if (!db) throw new Error('PUNCHLIST_WEB_DB is not set: run through playwright test (global setup)');
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'punchlist.js'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, PUNCHLIST_DB: db, PUNCHLIST_USER: 'someone-else' } });
  if (r.status !== 0) throw new Error(`punchlist ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}
