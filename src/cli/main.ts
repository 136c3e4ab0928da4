// The CLI's one exit point: every error becomes one line and an exit code here. With --json the
// line is a JSON object on stdout instead: { ok: false, error: <stable code>, message }.
import { CommanderError } from 'commander';
import { isPunchlistError } from '../domain/errors.js';
import { createOutput, neutralise, type Io } from './output.js';
import { buildProgram, wantsJson } from './program.js';

export async function main(argv: string[], io: Io = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let built: Awaited<ReturnType<typeof buildProgram>> | null = null;
  const json = wantsJson(argv);
  const fail = (code: string, message: string): void => {
    if (json) io.stdout.write(`${JSON.stringify({ ok: false, error: code, message }, null, 2)}\n`);
    else io.stderr.write(`punchlist: ${neutralise(message)}\n`);
  };
  try {
    built = await buildProgram(argv, createOutput(io.stdout, io.stderr), io);
    const { program, ctx } = built;
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are not failures. Without --json, Commander has printed its message already.
      if (error.exitCode === 0) return 0;
      if (json) fail('usage', error.message.replace(/^error: /, ''));
      return 2;
    }
    if (isPunchlistError(error)) {
      fail(error.code, error.message);
      return error.exitCode;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    if (json) fail('internal', `internal error: ${error instanceof Error ? error.message : String(error)}`);
    io.stderr.write(`punchlist: internal error: ${neutralise(detail)}\n`);
    io.stderr.write('punchlist: this is a bug in punchlist; please report it with the command you ran.\n');
    return 70;
  } finally {
    await built?.ctx.close().catch(() => undefined);
  }
}
