// Files the CLI writes with -o: the directory is checked before any work is done, the content
// goes to a temporary file beside the target and is renamed into place only when complete, so
// a failure never leaves half a report or half a backup behind.
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { badInput, PunchlistError } from '../domain/errors.js';

export interface OutputFile {
  write(chunk: string): Promise<void>;
  /** Moves the finished file into place. */
  commit(): Promise<void>;
  /** Removes the temporary file unless committed; safe to call always. */
  abort(): Promise<void>;
}

async function checkTarget(path: string, flag: string): Promise<string> {
  const target = resolve(path);
  const dir = dirname(target);
  const info = await stat(dir).catch(() => null);
  if (!info) throw badInput(`${flag}: the directory ${dir} does not exist`);
  if (!info.isDirectory()) throw badInput(`${flag}: ${dir} is not a directory`);
  const existing = await stat(target).catch(() => null);
  if (existing?.isDirectory()) throw badInput(`${flag}: ${path} is a directory`);
  return target;
}

const writeError = (path: string, error: unknown): PunchlistError => {
  const code = (error as NodeJS.ErrnoException).code;
  // A full disk or a read-only place is the environment, not the input.
  if (code === 'ENOSPC' || code === 'EROFS' || code === 'EDQUOT') return new PunchlistError('store_unavailable', `${path}: cannot write (${code})`);
  return badInput(`${path}: cannot write (${code ?? (error as Error).message})`);
};

export async function openOutputFile(path: string, flag = '-o'): Promise<OutputFile> {
  const target = await checkTarget(path, flag);
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  let stream: WriteStream;
  try {
    stream = createWriteStream(temp, { flags: 'wx' });
    await once(stream, 'open');
  } catch (error) {
    throw writeError(path, error);
  }
  let failure: unknown = null;
  stream.on('error', (error) => (failure = error));
  let done = false;
  return {
    async write(chunk) {
      if (failure) throw writeError(path, failure);
      if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), once(stream, 'error')]);
      if (failure) throw writeError(path, failure);
    },
    async commit() {
      stream.end();
      await Promise.race([once(stream, 'finish'), once(stream, 'error')]);
      if (failure) throw writeError(path, failure);
      try {
        await rename(temp, target);
      } catch (error) {
        throw writeError(path, error);
      }
      done = true;
    },
    async abort() {
      if (done) return;
      done = true;
      stream.destroy();
      await rm(temp, { force: true });
    },
  };
}

/** Writes a whole text to `path` (-o of export and report), all or nothing. */
export async function writeOutputFile(path: string, text: string, flag = '-o'): Promise<void> {
  const file = await openOutputFile(path, flag);
  try {
    await file.write(text);
    await file.commit();
  } finally {
    await file.abort();
  }
}
