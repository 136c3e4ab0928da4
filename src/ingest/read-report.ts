// Reading a report file: size checks, then either the whole text through parseReport, or —
// for SARIF past the stream threshold — the streaming reader, which never holds the file as
// one string. Both paths produce the same results (tested on the same data).
import { open, readFile, stat } from 'node:fs/promises';
import { badInput } from '../domain/errors.js';
import { detectFormat } from './detect.js';
import { checkFields, parseReport } from './parse.js';
import { parseSarifFile } from './parsers/sarif-stream.js';
import type { Format, ParseOptions, ParseResult } from './types.js';

export interface ReadOptions extends ParseOptions {
  tool: Format | 'auto';
  /** SARIF files at least this big are streamed. */
  streamThresholdBytes: number;
  /** Anything bigger is refused outright. */
  maxBytes: number;
  onBytes?: (bytes: number) => void;
}

/** Files that must be held whole (everything but SARIF) stay well under Node's string limit. */
const WHOLE_FILE_MAX = 256 * 1024 * 1024;

export async function readReport(path: string, options: ReadOptions): Promise<ParseResult[]> {
  const info = await stat(path).catch(() => null);
  if (info === null) throw badInput(`${path}: no such file`);
  if (!info.isFile()) throw badInput(`${path}: not a file`);
  if (info.size > options.maxBytes) {
    throw badInput(`${path}: ${mib(info.size)} is over the ${mib(options.maxBytes)} limit (ingest.maxFileBytes in punchlist.yaml)`);
  }
  const format = options.tool === 'auto' ? detectFormat(await head(path), path) : options.tool;
  if (format === 'sarif' && info.size >= options.streamThresholdBytes) {
    const results = await parseSarifFile(path, options).catch((error: unknown) => {
      if (error instanceof Error && 'code' in error && error.code === 'bad_input') error.message = `${path}: ${error.message}`;
      throw error;
    });
    checkFields(results, path);
    return results;
  }
  if (info.size > WHOLE_FILE_MAX) throw badInput(`${path}: ${mib(info.size)} is too big for ${format} output (limit ${mib(WHOLE_FILE_MAX)})`);
  const text = await readFile(path, 'utf8');
  options.onBytes?.(info.size);
  return parseReport(text, format, options, path);
}

async function head(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(65_536);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
