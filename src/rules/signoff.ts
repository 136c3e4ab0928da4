// Tamper-evident sign-offs: each carries a hash over the state it approved and over the
// previous sign-off's hash, so editing or deleting any row breaks the chain after it.
import { createHash } from 'node:crypto';
import type { Signoff } from '../domain/tracking-port.js';
import { canonicalJson } from './canonical-json.js';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

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

/**
 * Walks the chain. `recorded` are the sign-offs the (append-only) event log saw: one missing
 * from the chain was deleted, which the chain alone cannot show when it was the last one.
 */
export function verifyChain(
  signoffs: readonly Signoff[],
  recorded: readonly { checklistKey: string; itemText: string; hash: string }[] = [],
): ChainProblem[] {
  const problems: ChainProblem[] = [];
  const present = new Set(signoffs.map((s) => s.hash));
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
  for (const r of recorded) {
    if (r.hash && !present.has(r.hash)) {
      problems.push({ id: 0, checklistKey: r.checklistKey, itemText: r.itemText, problem: 'is in the event log but no longer in the sign-offs (it was deleted)' });
    }
  }
  return problems;
}
