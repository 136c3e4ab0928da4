import { describe, expect, it } from 'vitest';
import { fingerprintFindings, normalizeMessage } from './fingerprint.js';
import type { RawFinding } from './types.js';

const finding = (over: Partial<RawFinding>): RawFinding => ({ rule: 'no-unused-vars', level: 'error', message: "'x' is unused", file: 'a.js', line: 1, col: 1, ...over });
const prints = (list: RawFinding[]) => fingerprintFindings('eslint', list.map((f) => ({ ...f }))).map((f) => f.fingerprint);

describe('fingerprints', () => {
  it('ignore the line and column', () => {
    expect(prints([finding({ line: 1 })])).toEqual(prints([finding({ line: 40, col: 7 })]));
  });
  it('tell the same problem twice in a file apart by order, stable under moves', () => {
    const before = prints([finding({ line: 3 }), finding({ line: 9 })]);
    expect(new Set(before).size).toBe(2);
    expect(prints([finding({ line: 19 }), finding({ line: 13 })])).toEqual([before[1], before[0]]);
  });
  it('change with rule, path or message, and use the tool fingerprint when there is one', () => {
    const base = prints([finding({})])[0];
    expect(prints([finding({ rule: 'eqeqeq' })])[0]).not.toBe(base);
    expect(prints([finding({ file: 'b.js' })])[0]).not.toBe(base);
    expect(prints([finding({ message: "'y' is unused" })])[0]).not.toBe(base);
    expect(prints([finding({ toolFingerprint: 'h1', file: 'a.js' })])).toEqual(prints([finding({ toolFingerprint: 'h1', file: 'moved.js', message: 'other' })]));
  });
  it('normalise positions inside messages', () => {
    expect(normalizeMessage('Expected x at line 12, see 3:4  and (5,6)')).toBe('Expected x at line #, see # and #');
  });
});
