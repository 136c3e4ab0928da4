// Coverage as Istanbul writes it (coverage-summary.json, coverage-final.json; c8 and
// Vitest's v8 provider write the same) and as lcov.info. Coverage feeds the rule context only:
// it has no findings, so a coverage ingest never creates issues.
import { z } from 'zod';
import { badInput } from '../../domain/errors.js';
import type { CoverageMetrics, ParseResult } from '../types.js';
import { describeIssue } from './zod-message.js';

const metric = z.looseObject({ total: z.number(), covered: z.number(), pct: z.union([z.number(), z.string()]).optional() });
const summarySchema = z.looseObject({
  total: z.looseObject({ lines: metric, statements: metric.optional(), functions: metric.optional(), branches: metric.optional() }),
});

const position = z.looseObject({ line: z.number() });
const fileCoverage = z.looseObject({
  statementMap: z.record(z.string(), z.looseObject({ start: position })),
  s: z.record(z.string(), z.number()),
  f: z.record(z.string(), z.number()).optional(),
  b: z.record(z.string(), z.array(z.number())).optional(),
});
const finalSchema = z.record(z.string(), fileCoverage);

type Field = 'lines' | 'branches' | 'functions' | 'statements';
type Counts = Partial<Record<Field, [covered: number, total: number]>>;

// Nothing measured is no figure, not 100%: Istanbul itself writes "Unknown" for 0 of 0.
const pct = (covered: number, total: number): number | null => (total === 0 ? null : Math.round((covered / total) * 10_000) / 100);

export const isCoverageSummary = (doc: unknown): boolean =>
  typeof doc === 'object' && doc !== null && !Array.isArray(doc) && 'total' in doc;

export function parseCoverageSummary(doc: unknown): ParseResult[] {
  const parsed = summarySchema.safeParse(doc);
  if (!parsed.success) throw badInput(`coverage summary: ${describeIssue(parsed.error)}`);
  const t = parsed.data.total;
  const counts: Counts = {};
  const stated: Partial<Record<Field, number>> = {};
  for (const f of ['lines', 'statements', 'functions', 'branches'] as const) {
    const m = t[f];
    if (m === undefined) continue;
    counts[f] = [m.covered, m.total];
    // The report's own rounding, when it measured something.
    if (typeof m.pct === 'number' && m.total > 0) stated[f] = m.pct;
  }
  return result(counts, stated);
}

export function parseCoverageFinal(doc: unknown): ParseResult[] {
  const parsed = finalSchema.safeParse(doc);
  if (!parsed.success) throw badInput(`coverage-final.json: ${describeIssue(parsed.error)}`);
  const n = { s: [0, 0], f: [0, 0], b: [0, 0], l: [0, 0] };
  for (const file of Object.values(parsed.data)) {
    // Istanbul's own rule: a line is covered when any statement starting on it ran.
    const lines = new Map<number, number>();
    for (const [id, count] of Object.entries(file.s)) {
      n.s[1]! += 1;
      if (count > 0) n.s[0]! += 1;
      const line = file.statementMap[id]?.start.line;
      if (line !== undefined) lines.set(line, Math.max(lines.get(line) ?? 0, count));
    }
    for (const count of lines.values()) {
      n.l[1]! += 1;
      if (count > 0) n.l[0]! += 1;
    }
    for (const count of Object.values(file.f ?? {})) {
      n.f[1]! += 1;
      if (count > 0) n.f[0]! += 1;
    }
    for (const branch of Object.values(file.b ?? {})) {
      for (const count of branch) {
        n.b[1]! += 1;
        if (count > 0) n.b[0]! += 1;
      }
    }
  }
  return result({ lines: [n.l[0]!, n.l[1]!], statements: [n.s[0]!, n.s[1]!], functions: [n.f[0]!, n.f[1]!], branches: [n.b[0]!, n.b[1]!] });
}

export const looksLikeLcov = (head: string): boolean => /^(TN|SF):/m.test(head) && /^(SF|DA|LF|end_of_record)/m.test(head);

export function parseLcov(text: string): ParseResult[] {
  const sums = { LF: 0, LH: 0, FNF: 0, FNH: 0, BRF: 0, BRH: 0 };
  let records = 0;
  let lineNo = 0;
  for (const raw of text.split(/\r?\n/)) {
    lineNo += 1;
    const line = raw.trim();
    if (line === '') continue;
    if (line === 'end_of_record') {
      records += 1;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) throw badInput(`lcov.info, line ${lineNo}: expected "KEY:value"`);
    const key = line.slice(0, colon);
    if (key in sums) {
      const value = Number(line.slice(colon + 1));
      if (!Number.isFinite(value) || value < 0) throw badInput(`lcov.info, line ${lineNo}: ${key} is not a count`);
      sums[key as keyof typeof sums] += value;
    }
  }
  if (records === 0) throw badInput('lcov.info: no complete record (end_of_record missing: truncated?)');
  return result({ lines: [sums.LH, sums.LF], functions: [sums.FNH, sums.FNF], branches: [sums.BRH, sums.BRF] });
}

function result(counts: Counts, stated: Partial<Record<Field, number>> = {}): ParseResult[] {
  const coverage: CoverageMetrics = { lines: null, branches: null, functions: null, statements: null, counts: {} };
  for (const [field, [covered, total]] of Object.entries(counts) as [Field, [number, number]][]) {
    if (covered > total || covered < 0) throw badInput(`coverage: ${field} says ${covered} covered of ${total}`);
    coverage[field] = stated[field] ?? pct(covered, total);
    coverage.counts![field] = { covered, total };
  }
  return [{ format: 'coverage', tool: 'coverage', findings: [], coverage }];
}
