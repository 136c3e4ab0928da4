import type { GateResult } from '../../rules/gate.js';
import type { Signoff } from '../../domain/tracking-port.js';

export const presentChecklist = (g: GateResult) => ({
  key: g.gate,
  title: g.title,
  passed: g.passed,
  counts: g.counts,
  items: g.items.map((i) => ({ index: i.index + 1, text: i.text, rule: i.rule, status: i.status, reason: i.reason, fix: i.fix, manual: i.manual })),
});

export const presentSignoff = (s: Signoff) => ({
  checklist: s.checklistKey,
  item: s.itemText,
  actor: s.actor,
  at: s.at,
  stateHash: s.stateHash,
  prevHash: s.prevHash,
  hash: s.hash,
});
