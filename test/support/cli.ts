// Runs the real CLI in-process, capturing what it prints, as a user's shell would see it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../../src/cli/main.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  json<T = unknown>(): T;
}

function capture(): { stream: NodeJS.WriteStream; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  return { stream, text: () => chunks.join('') };
}

export async function runCli(args: string[]): Promise<CliResult> {
  const out = capture();
  const err = capture();
  const code = await main(args, { stdout: out.stream, stderr: err.stream });
  const stdout = out.text();
  return { code, stdout, stderr: err.text(), json: <T>() => JSON.parse(stdout) as T };
}

/** A CLI bound to a fresh embedded store in its own directory, acting as `tester`. */
export function cliWithStore(db = join(mkdtempSync(join(tmpdir(), 'punchlist-cli-')), 'punchlist.db')) {
  const run = (...args: string[]) => runCli(['--db', db, '--as', 'tester', ...args]);
  return { db, run };
}
