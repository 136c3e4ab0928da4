// Multipart uploads streamed to disk: each file part goes to its own file in `dir` as it
// arrives (never whole in memory); fields are collected. A malformed body is a 400.
import { createWriteStream } from 'node:fs';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Multipart } from '@fastify/multipart';
import { badInput } from '../domain/errors.js';

export const UPLOAD_LIMITS = { fileSize: 1024 * 1024 * 1024, files: 20, fields: 10, fieldSize: 4_096, parts: 40 };

/** An upload over its limit: 413 payload_too_large through the error handler's Fastify codes. */
const tooLarge = (message: string): Error => Object.assign(new Error(message), { code: 'FST_REQ_FILE_TOO_LARGE', statusCode: 413 });

export async function receiveUpload(
  parts: AsyncIterable<Multipart>,
  dir: string,
  fileSize: number = UPLOAD_LIMITS.fileSize,
): Promise<{ files: string[]; fields: Record<string, string> }> {
  const files: string[] = [];
  const fields: Record<string, string> = {};
  try {
    for await (const part of parts) {
      if (part.type === 'file') {
        // A safe local name; the extension is kept because format detection may use it.
        const path = join(dir, `${files.length}-${basename(part.filename || 'report').replace(/[^\w.-]/g, '_').slice(-100)}`);
        await pipeline(part.file, createWriteStream(path));
        if (part.file.truncated) throw tooLarge(`${part.filename}: over the ${fileSize}-byte limit`);
        files.push(path);
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (error) {
    throw asUploadError(error);
  }
  return { files, fields };
}

function asUploadError(error: unknown): unknown {
  const e = error as { statusCode?: number; code?: string; message?: string };
  if (e.code !== undefined || e.statusCode !== undefined) return error;
  if (!/multipart|boundary|unexpected end/i.test(e.message ?? '')) return error;
  return badInput(`upload: not a valid multipart/form-data body (${e.message})`);
}
