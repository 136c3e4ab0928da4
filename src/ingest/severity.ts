// A finding's severity: the first matching rule of punchlist.yaml, else what the report itself
// says (npm audit, SARIF security-severity, a failing test), else SPEC §6's defaults.
import picomatch from 'picomatch';
import type { SeverityRule } from '../config/schema.js';
import type { Severity } from '../domain/enums.js';
import type { RawFinding } from './types.js';

export interface SeverityDecision {
  severity: Severity;
  /** Why, for --explain: "punchlist.yaml ingest.severity[2]" or "default: lint error". */
  reason: string;
}

type Matcher = (finding: RawFinding, tool: string) => boolean;

const LINT_LEVELS: Record<string, Severity> = { error: 'major', warning: 'medium', note: 'minor', none: 'minor' };
const DEPRECATED = /deprecat/i;

export function severityDecider(rules: SeverityRule[]): (finding: RawFinding, tool: string) => SeverityDecision {
  const compiled = rules.map((rule, index) => ({ index, severity: rule.severity, match: compile(rule) }));
  return (finding, tool) => {
    for (const rule of compiled) {
      if (rule.match(finding, tool)) return { severity: rule.severity, reason: `punchlist.yaml ingest.severity[${rule.index}]` };
    }
    return defaultSeverity(finding, tool);
  };
}

export function defaultSeverity(finding: RawFinding, tool: string): SeverityDecision {
  if (finding.severityHint !== undefined) return { severity: finding.severityHint, reason: `reported by ${tool}` };
  if (tool === 'tsc') {
    return finding.level === 'error' ? { severity: 'critical', reason: 'default: compiler error' } : { severity: 'medium', reason: 'default: compiler warning' };
  }
  if (DEPRECATED.test(finding.rule ?? '') || DEPRECATED.test(finding.message.slice(0, 200))) {
    return { severity: 'major', reason: 'default: deprecated API' };
  }
  const severity = LINT_LEVELS[finding.level] ?? 'medium';
  return { severity, reason: `default: ${finding.level} finding` };
}

function compile(rule: SeverityRule): Matcher {
  const tests: Matcher[] = [];
  const any = (globs: string[] | undefined, options: picomatch.PicomatchOptions = {}) =>
    globs === undefined ? null : picomatch(globs, { dot: true, ...options });
  const tool = any(rule.tool);
  // Rule ids contain "/" (@typescript-eslint/no-explicit-any): match them as plain strings.
  const ruleId = any(rule.rule, { contains: false, basename: false, noglobstar: false });
  const level = any(rule.level);
  const path = any(rule.path);
  if (tool !== null) tests.push((_f, t) => tool(t));
  if (ruleId !== null) tests.push((f) => f.rule !== null && ruleId(f.rule));
  if (level !== null) tests.push((f) => level(f.level));
  if (path !== null) tests.push((f) => f.file !== null && path(f.file));
  return (finding, t) => tests.every((test) => test(finding, t));
}
