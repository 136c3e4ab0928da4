import { describe, expect, it } from 'vitest';
import type { Signoff } from '../domain/tracking-port.js';
import { canonicalJson } from './canonical-json.js';
import { signoffHash, stateHash, verifyChain } from './signoff.js';

function chain(): Signoff[] {
  const out: Signoff[] = [];
  let prev: string | null = null;
  for (const [i, item] of ['CTO sign-off', 'CFO sign-off'].entries()) {
    const s = { checklistKey: 'approval', itemText: item, actor: `exec${i}`, at: `2026-11-2${i}T10:00:00.000Z`, stateHash: stateHash({ project: 'TW', checklist: 'approval', item, items: [] }), prevHash: prev };
    const hash = signoffHash(s);
    out.push({ id: i + 1, ...s, hash });
    prev = hash;
  }
  return out;
}

describe('sign-offs', () => {
  it('hashes canonically', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'] })).toBe('{"a":[true,null,"x"],"b":1}');
  });
  it('verifies an intact chain', () => {
    expect(verifyChain(chain())).toEqual([]);
  });
  it('detects an altered row and a removed row', () => {
    const altered = chain();
    altered[0] = { ...altered[0]!, actor: 'mallory' };
    expect(verifyChain(altered)).toEqual([expect.objectContaining({ id: 1, problem: expect.stringContaining('altered') })]);
    const all = chain();
    const recorded = all.map((x) => ({ checklistKey: x.checklistKey, itemText: x.itemText, hash: x.hash }));
    expect(verifyChain(all.slice(0, 1), recorded)).toEqual([expect.objectContaining({ itemText: 'CFO sign-off', problem: expect.stringContaining('deleted') })]);
    expect(verifyChain(all, recorded)).toEqual([]);
    const removed = chain().slice(1);
    expect(verifyChain(removed)).toEqual([expect.objectContaining({ id: 2, problem: expect.stringContaining('does not follow') })]);
  });
});
