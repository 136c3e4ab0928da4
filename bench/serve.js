// The shipped `punchlist serve` on a store, on a free port, for the benches that talk to a real
// server: resolves with the child and its URL once it prints that it is serving.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = join(fileURLToPath(new URL('..', import.meta.url)), 'bin', 'punchlist.js');

/** @param {string} db @param {string[]} [extra] more `serve` options, e.g. `--no-sweep` */
export function serve(db, extra = []) {
  const child = spawn(process.execPath, [bin, '--db', db, 'serve', ...extra, '--port', '0', '--log-level', 'warn'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return /** @type {Promise<{ child: import('node:child_process').ChildProcess; url: string }>} */ (
    new Promise((resolve, reject) => {
      let text = '';
      /** @param {Buffer} c */
      const onData = (c) => {
        text += c;
        const m = /serving .* at (http:\/\/[\d.:]+)/.exec(text);
        if (m) resolve({ child, url: m[1] });
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.on('exit', (code) => reject(new Error(`server exited ${code}: ${text}`)));
    })
  );
}
