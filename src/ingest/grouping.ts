// Which issue a finding belongs to, and what that issue is called. A policy per tool or per
// rule (punchlist.yaml ingest.grouping: "eslint", or "eslint:no-console" for one rule).
import type { GroupingPolicy } from '../config/schema.js';
import { dirOf } from './paths.js';
import type { Finding } from './types.js';

/** Per tool: lint problems by rule and directory, compiler errors by file, each failing test and advisory alone. */
export const DEFAULT_GROUPING: Record<string, GroupingPolicy> = {
  tsc: 'file',
  junit: 'finding',
  'npm-audit': 'finding',
};
export const FALLBACK_GROUPING: GroupingPolicy = 'rule+dir';

/** Separates tool, scope and group in an issue's group key. Not NUL: PostgreSQL text cannot hold it. */
export const GROUP_SEPARATOR = '\u001f';
export const groupKeyOf = (tool: string, scope: string, group: string): string =>
  `${tool}${GROUP_SEPARATOR}${scope}${GROUP_SEPARATOR}${group}`;
export const groupKeyPrefix = (tool: string, scope: string): string => `${tool}${GROUP_SEPARATOR}${scope}${GROUP_SEPARATOR}`;

export function policyFor(tool: string, rule: string | null, configured: Record<string, GroupingPolicy>): GroupingPolicy {
  return (rule !== null ? configured[`${tool}:${rule}`] : undefined) ?? configured[tool] ?? DEFAULT_GROUPING[tool] ?? FALLBACK_GROUPING;
}

export function groupOf(finding: Finding, policy: GroupingPolicy): string {
  const rule = finding.rule ?? '(no rule)';
  const file = finding.file ?? '(no file)';
  switch (policy) {
    case 'finding':
      return `finding:${finding.fingerprint}`;
    case 'rule+file':
      return `rule+file:${rule}:${file}`;
    case 'rule+dir':
      return `rule+dir:${rule}:${finding.file === null ? '(no file)' : dirOf(finding.file)}`;
    case 'file':
      return `file:${file}`;
    case 'rule':
      return `rule:${rule}`;
    default: {
      const never: never = policy;
      return String(never);
    }
  }
}

export interface GroupSummary {
  policy: GroupingPolicy;
  tool: string;
  /** The open findings in the group this run, in report order. */
  findings: Finding[];
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const cut = (text: string, max: number): string => {
  const line = text.split('\n')[0] ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

/** "12 × no-unused-vars in bot/handlers/": what and where, short enough for a table. */
export function groupTitle(group: GroupSummary): string {
  const first = group.findings[0];
  if (first === undefined) return `${group.tool} findings`;
  const n = group.findings.length;
  const rule = first.rule ?? group.tool;
  const where = first.file ?? 'the project';
  switch (group.policy) {
    case 'finding':
      if (group.tool === 'junit') return cut(`Failing test: ${String(first.data?.test ?? first.message)}`, 200);
      // An advisory's message already names the package and the fix; the id goes last.
      if (group.tool === 'npm-audit') return cut(`${first.message} [${rule}]`, 200);
      return cut(`${rule}: ${first.message}${first.file !== null ? ` (${first.file}${first.line !== null ? `:${first.line}` : ''})` : ''}`, 200);
    case 'rule+file':
      return n === 1 ? cut(`${rule} in ${where}: ${first.message}`, 200) : `${n} × ${rule} in ${where}`;
    case 'rule+dir':
      return n === 1 ? cut(`${rule} in ${where}: ${first.message}`, 200) : `${n} × ${rule} in ${first.file === null ? where : dirOf(first.file)}`;
    case 'file':
      return `${plural(n, `${group.tool} ${first.level}`)} in ${where}`;
    case 'rule': {
      const files = new Set(group.findings.map((f) => f.file)).size;
      return `${n} × ${rule} in ${plural(files, 'file')}`;
    }
    default:
      return `${n} × ${rule}`;
  }
}
