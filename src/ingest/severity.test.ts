import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/load.js';
import { severityDecider } from './severity.js';
import type { RawFinding } from './types.js';

const finding = (over: Partial<RawFinding>): RawFinding => ({ rule: 'no-unused-vars', level: 'error', message: 'x', file: 'src/a.ts', line: 1, col: 1, ...over });
const defaults = severityDecider([]);

describe('severity', () => {
  it.each([
    ['a compiler error', 'tsc', finding({ rule: 'TS2322' }), 'critical'],
    ['a lint error', 'eslint', finding({}), 'major'],
    ['a lint warning', 'eslint', finding({ level: 'warning' }), 'medium'],
    ['a SARIF note', 'codeql', finding({ level: 'note' }), 'minor'],
    ['a deprecated API', 'eslint', finding({ level: 'warning', rule: '@typescript-eslint/no-deprecated' }), 'major'],
    ['what the report says (failing test, npm audit, security-severity)', 'junit', finding({ severityHint: 'major', level: 'failure' }), 'major'],
  ])('defaults: %s', (_what, tool, f, severity) => {
    expect(defaults(f, tool).severity).toBe(severity);
  });

  it('punchlist.yaml rules come first, first match wins, globs on tool, rule, level and path', () => {
    const { config } = parseConfig(`
ingest:
  severity:
    - { tool: eslint, rule: "@typescript-eslint/*", severity: critical }
    - { path: "test/**", severity: minor }
    - { level: [warning, note], tool: "sem*", severity: minor }
`);
    const decide = severityDecider(config.ingest.severity);
    expect(decide(finding({ rule: '@typescript-eslint/no-explicit-any' }), 'eslint')).toEqual({ severity: 'critical', reason: 'punchlist.yaml ingest.severity[0]' });
    expect(decide(finding({ file: 'test/unit/a.test.ts' }), 'eslint').severity).toBe('minor');
    expect(decide(finding({ level: 'warning', severityHint: 'critical' }), 'semgrep').severity).toBe('minor');
    expect(decide(finding({ level: 'warning' }), 'eslint')).toEqual({ severity: 'medium', reason: 'default: warning finding' });
  });
});
