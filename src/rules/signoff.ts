// Tamper-evident sign-offs: each carries a hash over the state it approved and over the
// previous sign-off's hash, so editing or deleting any row breaks the chain after it.
import { createHash } from 'node:crypto';
import type { Signoff } from '../domain/tracking-port.js';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** JSON with sorted keys, so the same state always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export interface ApprovedState {
  project: string;
  checklist: string;
  item: string;
  items: { text: string; done: boolean; rule: string | null; status: string }[];
}

export const stateHash = (state: ApprovedState): string => sha256(canonicalJson(state));

export function signoffHash(s: Pick<Signoff, 'checklistKey' | 'itemText' | 'actor' | 'at' | 'stateHash' | 'prevHash'>): string {
  return sha256(canonicalJson({ v: 1, checklist: s.checklistKey, item: s.itemText, actor: s.actor, at: s.at, state: s.stateHash, prev: s.prevHash }));
}

export interface ChainProblem {
  id: number;
  checklistKey: string;
  itemText: string;
  problem: string;
}

export function verifyChain(signoffs: readonly Signoff[]): ChainProblem[] {
  const problems: ChainProblem[] = [];
  let prev: string | null = null;
  for (const s of signoffs) {
    const at = { id: s.id, checklistKey: s.checklistKey, itemText: s.itemText };
    if (s.prevHash !== prev) {
      problems.push({ ...at, problem: 'does not follow the sign-off before it (one was removed, inserted or altered)' });
    }
    if (signoffHash(s) !== s.hash) {
      problems.push({ ...at, problem: 'was altered after it was made (its hash no longer matches its content)' });
    }
    prev = s.hash;
  }
  return problems;
}
