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

export function parseWith<T extends z.ZodType>(schema: T, value: unknown, prefix = ''): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw toBadInput(result.error, prefix);
  return result.data;
}
