// The live escalation state per level, from the breaches the sweeps recorded: which open issues
// are in breach of a level, which sit at it (it is their highest breached level) and which are
// acknowledged there. Pure; the reports, the standup and the audit's escalation section show it.
import type { SlaBreach, SlaLevelState } from '../domain/escalation-port.js';

const SAMPLE = 10;

/** One state per level: the levels named (the document's, the policy's) and any that fired. */
export function slaLevelStates(levels: readonly number[], breaches: readonly SlaBreach[]): SlaLevelState[] {
  const highest = new Map<string, number>();
  for (const b of breaches) highest.set(b.issueKey, Math.max(highest.get(b.issueKey) ?? 0, b.level));
  const all = [...new Set([...levels, ...breaches.map((b) => b.level)])].sort((a, b) => a - b);
  return all.map((level) => {
    const at = breaches.filter((b) => b.level === level);
    const keys = (rows: readonly SlaBreach[]) => [...new Set(rows.map((r) => r.issueKey))].sort();
    const breached = keys(at);
    const escalated = keys(at.filter((b) => highest.get(b.issueKey) === level));
    const acknowledged = keys(at.filter((b) => b.acknowledged));
    return {
      level,
      breached: breached.length,
      escalated: escalated.length,
      acknowledged: acknowledged.length,
      breachedKeys: breached.slice(0, SAMPLE),
      escalatedKeys: escalated.slice(0, SAMPLE),
      acknowledgedKeys: acknowledged.slice(0, SAMPLE),
    };
  });
}
