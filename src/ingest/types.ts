// The shapes every parser produces and every later step (fingerprint, severity, grouping,
// reconciliation) consumes. Parsers know formats; nothing after them does.
import type { Severity } from '../domain/enums.js';

export const FORMATS = ['sarif', 'eslint', 'tsc', 'junit', 'coverage', 'npm-audit'] as const;
export type Format = (typeof FORMATS)[number];

/** One result of a tool, as read from its output, before fingerprinting. */
export interface RawFinding {
  rule: string | null;
  /** The tool's own level: error | warning | note for linters and SARIF, failure/error for tests. */
  level: string;
  message: string;
  file: string | null;
  line: number | null;
  col: number | null;
  /** The tool's own stable identity (SARIF fingerprints, a test's name, an advisory id). */
  toolFingerprint?: string;
  /** Suppressed in the tool's own output (SARIF suppressions). */
  suppressed?: boolean;
  /** A severity the format itself implies (npm audit, SARIF security-severity, failing test). */
  severityHint?: Severity;
  data?: Record<string, unknown>;
}

export interface Finding extends RawFinding {
  fingerprint: string;
}

export interface TestMetrics {
  passed: number;
  failed: number;
  skipped: number;
  total: number;
}

/** Percentages, 0–100; null where the report has no such figure or measured nothing (0 of 0). */
export interface CoverageMetrics {
  lines: number | null;
  branches: number | null;
  functions: number | null;
  statements: number | null;
  /** The counts behind each figure, so scopes can be combined: covered of total. */
  counts?: Partial<Record<'lines' | 'branches' | 'functions' | 'statements', { covered: number; total: number }>>;
}

export interface ParseResult {
  format: Format;
  /** What the findings are reconciled under: the SARIF driver's name, 'eslint', 'tsc', ... */
  tool: string;
  findings: RawFinding[];
  tests?: TestMetrics;
  coverage?: CoverageMetrics;
}

export interface ParseOptions {
  /** Absolute repository root: absolute paths and file:// URIs are made relative to it. */
  root: string;
}
