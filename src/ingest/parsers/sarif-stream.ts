// The streaming SARIF reader: the file in chunks through SarifSplitter (the skeleton walked,
// tool/bases/results handed to JSON.parse slice by slice), into the same collector as the
// whole-document reader. Memory stays near one chunk plus the findings; no size limit but the
// configured one (Node cannot hold a string over ~512 MiB, so big files must come this way).
import { createReadStream } from 'node:fs';
import { badInput, isPunchlistError } from '../../domain/errors.js';
import type { ParseOptions, ParseResult } from '../types.js';
import { SarifCollector } from './sarif.js';
import { SarifSplitter } from './sarif-split.js';

export interface StreamOptions extends ParseOptions {
  onBytes?: (bytes: number) => void;
}

/** Feeds chunks (from a file, or from memory in tests) through the same collector as the whole-document reader. */
export async function parseSarifStream(chunks: AsyncIterable<Uint8Array | string>, options: StreamOptions): Promise<ParseResult[]> {
  const collector = new SarifCollector(options);
  const splitter = new SarifSplitter({
    tool: (run, value) => collector.addTool(run, value),
    bases: (run, value) => collector.addBases(run, value),
    results: (run, values) => {
      for (const value of values) collector.addResult(run, value);
    },
  });
  try {
    for await (const chunk of chunks) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      splitter.write(bytes);
      options.onBytes?.(bytes.byteLength);
    }
    splitter.end();
  } catch (error) {
    if (isPunchlistError(error)) throw error;
    throw badInput(`SARIF: not valid JSON (${firstLine(error)})`);
  }
  return collector.finish();
}

export function parseSarifFile(path: string, options: StreamOptions): Promise<ParseResult[]> {
  return parseSarifStream(createReadStream(path, { highWaterMark: 1 << 20 }), options);
}

const firstLine = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0]?.slice(0, 200) ?? 'unknown error';
