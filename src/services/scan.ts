// punchlist scan: run each command of punchlist.yaml's `scan`, keep what it prints (or the file
// it writes), judge whether the tool ran or crashed (src/ingest/tool-exit.ts), then ingest what
// the tools that ran report, in one go. A crashed tool is never reconciled: it is recorded, so
// the rules that depend on it are unknown until it runs cleanly again.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { IngestConfig, ScanCommand } from '../config/schema.js';
import { isPunchlistError } from '../domain/errors.js';
import type { Project } from '../domain/model.js';
import type { Store } from '../domain/ports.js';
import type { ToolFailure } from '../domain/tracking-port.js';
import { type ToolBatch, prepareBatches } from '../ingest/prepare.js';
import { type ProcessEnd, emptyOutputCrash, exitCrash, exitPolicy, isEmptyOutput, processCrash } from '../ingest/tool-exit.js';
import type { ParseResult } from '../ingest/types.js';
import { readReports } from './ingest.js';

/** How long a tool has to stop after SIGTERM before its process group is killed. */
const KILL_GRACE_MS = 1_000;

export interface ScanOutput {
  command: ScanCommand;
  name: string;
  /** The report to ingest: the command's stdout, saved, or the file it was told to write. */
  file: string;
  end: ProcessEnd;
}

export interface ScanLog {
  info(data: Record<string, unknown>, message: string): void;
}

export const commandName = (command: ScanCommand): string => command.name ?? command.run.split(/\s+/).slice(0, 2).join(' ');

export async function runScanCommands(commands: ScanCommand[], cwd: string, log?: ScanLog): Promise<{ outputs: ScanOutput[]; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'punchlist-scan-'));
  const outputs: ScanOutput[] = [];
  try {
    for (const [index, command] of commands.entries()) {
      const name = commandName(command);
      log?.info({ command: name, run: command.run, tool: command.tool, scope: command.scope }, `running ${name}`);
      const started = performance.now();
      const stdoutFile = join(dir, `${index}.out`);
      const file = command.output !== undefined ? resolve(cwd, command.output) : stdoutFile;
      const run = await runOne(command, cwd, stdoutFile);
      const end: ProcessEnd = { ...run, timeoutSeconds: command.timeoutSeconds, outputBytes: sizeOf(file) };
      log?.info({ command: name, ...end, ms: Math.round(performance.now() - started) }, `${name} finished`);
      outputs.push({ command, name, file, end });
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return { outputs, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function sizeOf(file: string): number | null {
  try {
    return statSync(file).size;
  } catch {
    return null;
  }
}

type RunEnd = Pick<ProcessEnd, 'exitCode' | 'signal' | 'timedOut' | 'lastError'>;

/** Signals a whole process group; the group may be gone already. */
function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: nothing left to stop.
  }
}

// The command runs in its own process group (a shell and whatever it starts), so a timeout stops
// all of it, and nothing it left behind keeps running after it exits.
function runOne(command: ScanCommand, cwd: string, stdoutFile: string): Promise<RunEnd> {
  return new Promise((resolvePromise) => {
    const out = createWriteStream(stdoutFile);
    const child = spawn(command.run, { cwd, shell: true, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderrTail = '';
    let timedOut = false;
    let finished = false;
    let killTimer: NodeJS.Timeout | undefined;
    let giveUp: NodeJS.Timeout | undefined;
    child.stdout.pipe(out);
    child.stderr.on('data', (chunk: Buffer) => {
      stderrTail = (stderrTail + chunk.toString()).slice(-2_000);
    });
    const lastError = (): string => stderrTail.trim().split('\n').pop()?.trim().slice(0, 300) ?? '';
    const finish = (end: RunEnd): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      clearTimeout(killTimer);
      clearTimeout(giveUp);
      out.end(() => resolvePromise(end));
    };
    // SIGTERM, then SIGKILL; a process that left the group and holds the pipes open is not waited for.
    const stop = (): void => {
      killGroup(child.pid, 'SIGTERM');
      killTimer ??= setTimeout(() => {
        killGroup(child.pid, 'SIGKILL');
        giveUp = setTimeout(() => {
          child.stdout.destroy();
          child.stderr.destroy();
          finish({ exitCode: child.exitCode, signal: child.signalCode, timedOut, lastError: lastError() });
        }, 500);
      }, KILL_GRACE_MS);
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, command.timeoutSeconds * 1_000);
    child.on('error', (error) => finish({ exitCode: null, signal: null, timedOut: false, lastError: `cannot start: ${error.message}` }));
    // Whatever the shell started and left running would otherwise hold the output open.
    child.on('exit', stop);
    child.on('close', (code, signal) => finish({ exitCode: code, signal, timedOut, lastError: lastError() }));
  });
}

export interface ScanJudgement {
  batches: ToolBatch[];
  /** Commands that ran (their failure records are cleared). */
  ran: { name: string; scope: string }[];
  crashes: ToolFailure[];
}

/** Reads what each tool wrote and decides, per command, between an answer and a crash. */
export async function judgeOutputs(
  outputs: readonly ScanOutput[],
  options: { root: string; config: IngestConfig; at: string },
): Promise<ScanJudgement> {
  const judged: ScanJudgement = { batches: [], ran: [], crashes: [] };
  for (const output of outputs) {
    const { command, name, end } = output;
    const scope = command.scope ?? options.config.scope;
    const crash = (reason: string): void => {
      judged.crashes.push({ name, tool: command.tool, scope, at: options.at, exitCode: end.exitCode, reason });
    };
    const early = processCrash(end);
    if (early !== null) {
      crash(early);
      continue;
    }
    let results: ParseResult[];
    if (isEmptyOutput(end)) {
      const empty = emptyOutputCrash(end, exitPolicy(command), command.tool);
      if (empty !== null) {
        crash(empty);
        continue;
      }
      // A clean run that prints nothing (tsc): no findings, which reconciles the open ones away.
      results = command.tool === 'auto' ? [] : [{ format: command.tool, tool: command.tool, findings: [] }];
    } else {
      try {
        results = await readReports([{ path: output.file, tool: command.tool }], { tool: command.tool, root: options.root, config: options.config });
      } catch (error) {
        if (!isPunchlistError(error)) throw error;
        crash(`its output cannot be read: ${error.message}`);
        continue;
      }
    }
    const detected = results[0]?.format;
    const findings = results.reduce((n, r) => n + r.findings.length + (r.tests?.failed ?? 0), 0);
    const bad = exitCrash(end, exitPolicy(command, detected), detected ?? command.tool, findings);
    if (bad !== null) {
      crash(bad);
      continue;
    }
    judged.ran.push({ name, scope });
    for (const batch of prepareBatches(results, options.config)) {
      judged.batches.push(command.scope !== undefined ? { ...batch, scope: command.scope } : batch);
    }
  }
  return judged;
}

/** Crashes are recorded and the commands that ran have theirs cleared, in one transaction. */
export async function recordScanOutcome(store: Store, project: Project, judged: Pick<ScanJudgement, 'ran' | 'crashes'>): Promise<void> {
  if (judged.ran.length === 0 && judged.crashes.length === 0) return;
  await store.write(async (tx) => {
    for (const r of judged.ran) await tx.tracking.clearToolFailures(project.id, r);
    for (const c of judged.crashes) await tx.tracking.recordToolFailure(project.id, c);
  });
}

/** The one line `scan` exits with when a tool crashed. */
export function crashMessage(crashes: readonly ToolFailure[]): string {
  const each = crashes.map((c) => `${c.name} (${c.tool}) crashed: ${c.reason}`);
  return `scan: ${each.join('; ')}. Nothing it reported was reconciled; rules that depend on it are unknown until it runs cleanly.`;
}
