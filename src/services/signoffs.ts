// Sign-offs: approving a checklist item records who and when, ticks it, and chains a hash over
// the checklist's state at that moment and the previous sign-off. `verify` re-walks the chain.
import { PunchlistError } from '../domain/errors.js';
import type { Project } from '../domain/model.js';
import type { Store, StoreSession } from '../domain/ports.js';
import type { Signoff } from '../domain/tracking-port.js';
import { type ChainProblem, signoffHash, stateHash, verifyChain } from '../rules/signoff.js';
import { requireList, resolveItem } from './checks.js';
import { loadRuleWorld } from './evaluate.js';

export async function approve(
  store: Store,
  project: Project,
  listKey: string,
  itemRef: string,
  change: { actor: string; at?: string },
): Promise<Signoff> {
  const at = change.at ?? new Date().toISOString();
  return store.write(async (tx) => {
    await tx.tracking.lockSignoffChain(project.id);
    const world = await loadRuleWorld(tx, project);
    const list = requireList(world.lists, listKey);
    const index = resolveItem(list, itemRef);
    const item = list.items[index];
    if (!item) throw new PunchlistError('bad_input', `item: no item ${index + 1} in ${list.key}`);
    const evals = world.evaluateList(list);
    const state = stateHash({
      project: project.key,
      checklist: list.key,
      item: item.text,
      items: list.items.map((it, i) => ({ text: it.text, done: it.done || i === index, rule: it.rule, status: evals[i]?.status ?? 'unknown' })),
    });
    const chain = await tx.tracking.signoffs(project.id);
    const prevHash = chain[chain.length - 1]?.hash ?? null;
    const fields = { checklistKey: list.key, itemText: item.text, actor: change.actor, at, stateHash: state, prevHash };
    const signoff = await tx.tracking.appendSignoff(project.id, { ...fields, hash: signoffHash(fields) });
    if (!item.rule && !item.done) {
      await tx.tracking.setItemDone(project.id, { listType: list.listType, listKey: list.key, ord: index }, { done: true, by: change.actor, at });
    }
    await tx.events.append(project.id, [
      {
        actor: change.actor,
        at,
        action: 'signoff.approved',
        entity: list.listType,
        entityKey: list.key,
        data: { item: index + 1, text: item.text, hash: signoff.hash, stateHash: state },
      },
    ]);
    return signoff;
  });
}

export interface VerifyResult {
  signoffs: number;
  ok: boolean;
  problems: ChainProblem[];
}

export async function verifySignoffs(session: StoreSession, project: Project): Promise<VerifyResult> {
  const [chain, recorded] = await Promise.all([session.tracking.signoffs(project.id), session.tracking.signoffEvents(project.id)]);
  const problems = verifyChain(chain, recorded);
  return { signoffs: chain.length, ok: problems.length === 0, problems };
}
