// Turns a schema failure into the one line a person needs: which field, what is allowed.
import type { z } from 'zod';
import { badInput, type PunchlistError } from './errors.js';

export function describeIssue(issue: z.core.$ZodIssue, prefix = ''): string {
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
  const where = [prefix, path].filter(Boolean).join(path && prefix ? '.' : '') || prefix || 'input';
  return `${where}: ${issue.message}`;
}

export function toBadInput(error: z.ZodError, prefix = ''): PunchlistError {
  const [first] = error.issues;
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem${error.issues.length > 2 ? 's' : ''})` : '';
  return badInput(first ? `${describeIssue(first, prefix)}${more}` : `${prefix || 'input'}: invalid`);
}

/**
 * The path of the first string holding a NUL (U+0000), or null. Neither store keeps a NUL
 * (PostgreSQL cannot), so every input a person or a document gives is refused with it, naming
 * where; tool output has them replaced instead (ingest/parse.ts).
 */
export function findNul(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || 'input' : null;
  if (value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNul(value[i], `${path}[${i}]`);
      if (found !== null) return found;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000')) return `${path}${path ? '.' : ''}${key.replaceAll('\u0000', '\\0')}`;
    const found = findNul(item, `${path}${path ? '.' : ''}${key}`);
    if (found !== null) return found;
  }
  return null;
}

export function refuseNul(value: unknown, prefix = ''): void {
  const where = findNul(value, prefix);
  if (where !== null) throw badInput(`${where}: may not contain a NUL character (U+0000)`);
}

export function parseWith<T extends z.ZodType>(schema: T, value: unknown, prefix = ''): z.infer<T> {
  refuseNul(value, prefix);
  const result = schema.safeParse(value);
  if (!result.success) throw toBadInput(result.error, prefix);
  return result.data;
}
