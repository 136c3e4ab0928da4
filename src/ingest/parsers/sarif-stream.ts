// The streaming SARIF reader: for files past the size where one string + JSON.parse would cost
// 2–3× the file in memory (and past ~512 MiB, where Node cannot hold the string at all). Only
// one result is materialised at a time; the collector keeps the validated results.
import { createReadStream } from 'node:fs';
import { JSONParser } from '@streamparser/json';
import { badInput, isPunchlistError } from '../../domain/errors.js';
import type { ParseOptions, ParseResult } from '../types.js';
import { SarifCollector } from './sarif.js';

export interface StreamOptions extends ParseOptions {
  onBytes?: (bytes: number) => void;
}

/** Feeds chunks (from a file, or from memory in tests) through the same collector as the whole-document reader. */
export async function parseSarifStream(chunks: AsyncIterable<Uint8Array | string>, options: StreamOptions): Promise<ParseResult[]> {
  const collector = new SarifCollector(options);
  const parser = new JSONParser({
    paths: ['$.runs.*.tool', '$.runs.*.originalUriBaseIds', '$.runs.*.results.*'],
    keepStack: false,
  });
  let failure: unknown = null;
  parser.onValue = ({ value, key, stack }) => {
    if (failure !== null) return;
    try {
      if (stack.length < 3) return;
      const runIndex = Number(stack[2]?.key);
      if (key === 'tool' && stack.length === 3) collector.addTool(runIndex, value);
      else if (key === 'originalUriBaseIds' && stack.length === 3) collector.addBases(runIndex, value);
      else collector.addResult(runIndex, value);
    } catch (error) {
      failure = error;
    }
  };
  parser.onError = (error) => {
    failure ??= error;
  };
  try {
    for await (const chunk of chunks) {
      parser.write(chunk);
      if (failure !== null) break;
      options.onBytes?.(typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength);
    }
    if (failure === null && !parser.isEnded) parser.end();
  } catch (error) {
    failure ??= error;
  }
  if (failure !== null) {
    if (isPunchlistError(failure)) throw failure;
    throw badInput(`SARIF: not valid JSON (${firstLine(failure)})`);
  }
  return collector.finish();
}

export function parseSarifFile(path: string, options: StreamOptions): Promise<ParseResult[]> {
  return parseSarifStream(createReadStream(path, { highWaterMark: 1 << 20 }), options);
}

const firstLine = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0]?.slice(0, 200) ?? 'unknown error';
