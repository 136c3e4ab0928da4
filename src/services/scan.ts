// punchlist scan: run each command of punchlist.yaml's `scan`, keep what it prints (or the file
// it writes), then ingest everything in one go. A tool that finds problems exits non-zero; that
// is its answer, not a failure. A command that cannot run at all is the user's mistake.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ScanCommand } from '../config/schema.js';
import { badInput } from '../domain/errors.js';

export interface ScanOutput {
  command: ScanCommand;
  name: string;
  /** The report to ingest: the command's stdout, saved, or the file it was told to write. */
  file: string;
  exitCode: number;
}

export async function runScanCommands(commands: ScanCommand[], cwd: string, onStart?: (name: string) => void): Promise<{ outputs: ScanOutput[]; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'punchlist-scan-'));
  const outputs: ScanOutput[] = [];
  try {
    for (const [index, command] of commands.entries()) {
      const name = command.name ?? command.run.split(/\s+/).slice(0, 2).join(' ');
      onStart?.(name);
      const stdoutFile = join(dir, `${index}.out`);
      const exitCode = await runOne(command, cwd, stdoutFile, name);
      outputs.push({ command, name, file: command.output !== undefined ? resolve(cwd, command.output) : stdoutFile, exitCode });
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return { outputs, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function runOne(command: ScanCommand, cwd: string, stdoutFile: string, name: string): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const out = createWriteStream(stdoutFile);
    const child = spawn(command.run, { cwd, shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderrTail = '';
    child.stdout.pipe(out);
    child.stderr.on('data', (chunk: Buffer) => {
      stderrTail = (stderrTail + chunk.toString()).slice(-2_000);
    });
    const timer = setTimeout(() => child.kill('SIGTERM'), command.timeoutSeconds * 1_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(badInput(`scan ${name}: cannot start "${command.run}": ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      out.end(() => {
        if (signal !== null) return reject(badInput(`scan ${name}: stopped by ${signal} (over ${command.timeoutSeconds}s? raise timeoutSeconds)`));
        // The shell's "command not found" / "not executable": nothing to ingest, and no result.
        if (code === 127 || code === 126) {
          const why = stderrTail.trim().split('\n').pop() ?? '';
          return reject(badInput(`scan ${name}: "${command.run}" could not run (exit ${code}${why ? `: ${why}` : ''})`));
        }
        resolvePromise(code ?? 0);
      });
    });
  });
}
