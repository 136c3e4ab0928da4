import { describe, expect, it } from 'vitest';
import { resolveActor } from './actor.js';

describe('who is acting', () => {
  it('prefers --as, then PUNCHLIST_USER, then git or the OS user', () => {
    expect(resolveActor(' Ann ', { PUNCHLIST_USER: 'Bob' })).toBe('Ann');
    expect(resolveActor(undefined, { PUNCHLIST_USER: 'Bob' })).toBe('Bob');
    const fallback = resolveActor(undefined, {});
    expect(fallback.length).toBeGreaterThan(0);
  });
});
