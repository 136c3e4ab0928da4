import { describe, expect, it } from 'vitest';
import { groupOf, groupTitle, policyFor } from './grouping.js';
import type { Finding } from './types.js';

const f = (file: string | null, over: Partial<Finding> = {}): Finding => ({ fingerprint: `fp-${file}`, rule: 'no-unused-vars', level: 'error', message: "'x' is unused", file, line: 3, col: 1, ...over });

describe('grouping', () => {
  it('has a default per tool and takes punchlist.yaml per tool or per rule', () => {
    expect(policyFor('eslint', 'no-console', {})).toBe('rule+dir');
    expect(policyFor('tsc', 'TS2322', {})).toBe('file');
    expect(policyFor('junit', 'test-failure', {})).toBe('finding');
    expect(policyFor('eslint', 'no-console', { eslint: 'rule+file', 'eslint:no-console': 'rule' })).toBe('rule');
    expect(policyFor('eslint', 'eqeqeq', { eslint: 'rule+file', 'eslint:no-console': 'rule' })).toBe('rule+file');
  });

  it('groups by the policy', () => {
    expect(groupOf(f('bot/handlers/a.js'), 'rule+dir')).toBe('rule+dir:no-unused-vars:bot/handlers/');
    expect(groupOf(f('a.js'), 'rule+dir')).toBe('rule+dir:no-unused-vars:./');
    expect(groupOf(f('bot/a.js'), 'rule+file')).toBe('rule+file:no-unused-vars:bot/a.js');
    expect(groupOf(f('bot/a.js'), 'file')).toBe('file:bot/a.js');
    expect(groupOf(f('bot/a.js'), 'rule')).toBe('rule:no-unused-vars');
    expect(groupOf(f('bot/a.js'), 'finding')).toBe('finding:fp-bot/a.js');
  });

  it('titles say what and where', () => {
    const many = Array.from({ length: 12 }, (_, i) => f(`bot/handlers/h${i % 3}.js`));
    expect(groupTitle({ tool: 'eslint', policy: 'rule+dir', findings: many })).toBe('12 × no-unused-vars in bot/handlers/');
    expect(groupTitle({ tool: 'eslint', policy: 'rule', findings: many })).toBe('12 × no-unused-vars in 3 files');
    expect(groupTitle({ tool: 'tsc', policy: 'file', findings: [f('lib/a.ts'), f('lib/a.ts')] })).toBe('2 tsc errors in lib/a.ts');
    expect(groupTitle({ tool: 'eslint', policy: 'rule+file', findings: [f('lib/a.ts')] })).toBe("no-unused-vars in lib/a.ts: 'x' is unused");
    expect(groupTitle({ tool: 'junit', policy: 'finding', findings: [f('t.js', { data: { test: 'clamp > clamps' } })] })).toBe('Failing test: clamp > clamps');
  });
});
