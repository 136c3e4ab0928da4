import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateRule } from '../../src/rules/compile.js';
import { parseTarget } from '../../src/rules/targets.js';

const doc = readFileSync(new URL('../../docs/rules.md', import.meta.url), 'utf8');

describe('docs/rules.md', () => {
  it('shows only rules that validate', () => {
    const block = /```cel\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
    const rules = block
      .split('\n')
      .map((l) => l.replace(/\s+\/\/.*$/, '').trim())
      .filter(Boolean);
    expect(rules.length).toBeGreaterThan(10);
    for (const rule of rules) expect(() => validateRule(rule), rule).not.toThrow();
  });

  it('shows the refusals validateRule really gives', () => {
    for (const expr of ['issues.open(["critcal"]) == 0', 'issues.open()']) {
      let message = '';
      try {
        validateRule(expr);
      } catch (e) {
        message = (e as Error).message;
      }
      expect(doc).toContain(`punchlist: ${message}`);
    }
  });

  it('lists the prose targets as parseTarget reads them', () => {
    const rows = doc.split('\n').filter((l) => /^\| [^|]+ \| `[^`]+` \|/.test(l) && !l.startsWith('| name') && !l.startsWith('| `'));
    expect(rows.length).toBeGreaterThan(8);
    for (const row of rows) {
      const [texts, rule] = row.split('|').slice(1, 3).map((c) => c.trim());
      for (const text of (texts ?? '').split(' · ')) expect(parseTarget(text)?.rule, text).toBe(rule?.replace(/`/g, ''));
    }
  });
});
