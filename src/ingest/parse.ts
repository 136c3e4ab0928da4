// From report text to parse results: pure, so every format, every bad input and the fuzz tests
// run on strings. Reading files (and streaming big SARIF) is in read-report.ts.
import { LIMITS } from '../domain/limits.js';
import { badInput, isPunchlistError } from '../domain/errors.js';
import { findNul } from '../domain/validate.js';
import { detectFormat } from './detect.js';
import { isCoverageSummary, parseCoverageFinal, parseCoverageSummary, parseLcov, looksLikeLcov } from './parsers/coverage.js';
import { parseEslint } from './parsers/eslint.js';
import { parseJunit } from './parsers/junit.js';
import { parseNpmAudit } from './parsers/npm-audit.js';
import { parseSarifDocument } from './parsers/sarif.js';
import { parseTsc } from './parsers/tsc.js';
import type { Format, ParseOptions, ParseResult } from './types.js';

export const FIELD_LIMITS = { message: LIMITS.textLength, path: 2_000, rule: 500 } as const;

export function parseReport(text: string, tool: Format | 'auto', options: ParseOptions, name = 'report'): ParseResult[] {
  const body = text.replace(/^\uFEFF/, '');
  const format = tool === 'auto' ? detectFormat(body.slice(0, 65_536), name) : tool;
  try {
    const results = parseAs(format, body, options, name);
    checkFields(results, name);
    return results;
  } catch (error) {
    if (isPunchlistError(error)) {
      error.message = error.message.startsWith(`${name}:`) ? error.message : `${name}: ${error.message}`;
      throw error;
    }
    throw error;
  }
}

function parseAs(format: Format, body: string, options: ParseOptions, name: string): ParseResult[] {
  switch (format) {
    case 'sarif':
      return parseSarifDocument(parseJson(body, 'SARIF'), options);
    case 'eslint':
      return parseEslint(parseJson(body, 'ESLint JSON'), options);
    case 'npm-audit':
      return parseNpmAudit(parseJson(body, 'npm audit JSON'));
    case 'coverage': {
      if (!body.trimStart().startsWith('{')) {
        if (!looksLikeLcov(body)) throw badInput('coverage: expected coverage-summary.json, coverage-final.json or lcov.info');
        return parseLcov(body);
      }
      const doc = parseJson(body, 'coverage JSON');
      return isCoverageSummary(doc) ? parseCoverageSummary(doc) : parseCoverageFinal(doc);
    }
    case 'junit':
      return parseJunit(body, options);
    case 'tsc':
      return parseTsc(body, options);
    default: {
      const never: never = format;
      throw badInput(`${name}: unknown tool ${String(never)}`);
    }
  }
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : 'invalid';
    throw badInput(`${what} is not valid JSON (${detail}${text.trim() === '' ? '; the file is empty' : ''})`);
  }
}

/** A NUL in a tool's output becomes U+FFFD, visible, and kept the same by both stores. */
const clean = (text: string): string => (text.includes('\u0000') ? text.replaceAll('\u0000', '\uFFFD') : text);
const cleanOrNull = (text: string | null): string | null => (text === null ? null : clean(text));

function cleanDeep(value: unknown): unknown {
  if (typeof value === 'string') return clean(value);
  if (Array.isArray(value)) return value.map(cleanDeep);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [clean(k), cleanDeep(v)]));
  return value;
}

/**
 * Huge fields are refused, not stored: a 10 MB "message" is a broken report, not a finding.
 * NUL characters are replaced by U+FFFD (the output is the tool's, not the user's to fix; a
 * person's own text with a NUL is refused instead, domain/validate.ts).
 */
export function checkFields(results: ParseResult[], name: string): void {
  for (const result of results) {
    result.tool = clean(result.tool);
    result.findings.forEach((f, i) => {
      f.message = clean(f.message);
      f.level = clean(f.level);
      f.file = cleanOrNull(f.file);
      f.rule = cleanOrNull(f.rule);
      if (f.toolFingerprint !== undefined) f.toolFingerprint = clean(f.toolFingerprint);
      if (f.data !== undefined && findNul(f.data) !== null) f.data = cleanDeep(f.data) as Record<string, unknown>;
      if (f.message.length > FIELD_LIMITS.message) throw badInput(`${name}: finding ${i + 1} has a message over ${FIELD_LIMITS.message} characters`);
      if ((f.file?.length ?? 0) > FIELD_LIMITS.path) throw badInput(`${name}: finding ${i + 1} has a path over ${FIELD_LIMITS.path} characters`);
      if ((f.rule?.length ?? 0) > FIELD_LIMITS.rule) throw badInput(`${name}: finding ${i + 1} has a rule id over ${FIELD_LIMITS.rule} characters`);
      if (f.line !== null && (!Number.isFinite(f.line) || f.line < 0)) throw badInput(`${name}: finding ${i + 1} has an invalid line`);
    });
  }
}
