// The CLI's one exit point: every error becomes one line and an exit code here.
import { CommanderError } from 'commander';
import { isPunchlistError } from '../domain/errors.js';
import { createOutput, type Io } from './output.js';
import { buildProgram } from './program.js';

export async function main(argv: string[], io: Io = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let built: Awaited<ReturnType<typeof buildProgram>> | null = null;
  try {
    built = await buildProgram(argv, createOutput(io.stdout, io.stderr), io);
    const { program, ctx } = built;
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed its message already; help and version are not failures.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (isPunchlistError(error)) {
      io.stderr.write(`punchlist: ${error.message}\n`);
      return error.exitCode;
    }
    io.stderr.write(`punchlist: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    io.stderr.write('punchlist: this is a bug in punchlist; please report it with the command you ran.\n');
    return 70;
  } finally {
    await built?.ctx.close().catch(() => undefined);
  }
}
