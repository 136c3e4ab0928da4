// ESLint's `-f json` output: one entry per file, messages with severity 1 (warning) or 2 (error).
import { z } from 'zod';
import { badInput } from '../../domain/errors.js';
import { normalizePath } from '../paths.js';
import type { ParseOptions, ParseResult, RawFinding } from '../types.js';
import { describeIssue } from './zod-message.js';

const eslintReport = z.array(
  z.looseObject({
    filePath: z.string(),
    messages: z.array(
      z.looseObject({
        ruleId: z.string().nullable().optional(),
        severity: z.union([z.literal(0), z.literal(1), z.literal(2)]),
        message: z.string(),
        line: z.number().optional(),
        column: z.number().optional(),
        fatal: z.boolean().optional(),
      }),
    ),
    suppressedMessages: z.array(z.looseObject({ ruleId: z.string().nullable().optional(), message: z.string(), line: z.number().optional(), column: z.number().optional() })).optional(),
  }),
);

export function parseEslint(document: unknown, options: ParseOptions): ParseResult[] {
  const parsed = eslintReport.safeParse(document);
  if (!parsed.success) throw badInput(`ESLint JSON: ${describeIssue(parsed.error)}`);
  const findings: RawFinding[] = [];
  for (const file of parsed.data) {
    const path = normalizePath(file.filePath, options.root);
    for (const m of file.messages) {
      if (m.severity === 0) continue;
      findings.push({
        // A parse error has no rule; it still is a problem that must be fixed.
        rule: m.ruleId ?? (m.fatal === true ? 'parse-error' : null),
        level: m.severity === 2 ? 'error' : 'warning',
        message: m.message,
        file: path,
        line: m.line ?? null,
        col: m.column ?? null,
      });
    }
    for (const m of file.suppressedMessages ?? []) {
      findings.push({ rule: m.ruleId ?? null, level: 'warning', message: m.message, file: path, line: m.line ?? null, col: m.column ?? null, suppressed: true });
    }
  }
  return [{ format: 'eslint', tool: 'eslint', findings }];
}
