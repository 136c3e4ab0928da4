// A phase named after a tier ("Phase 1: Critical issues", "Phase 2: Blockers") or a folder
// ("Week 2: src/billing/") is about those issues: issues the document put in no phase are linked
// to it, so the standup and the forecast count them where the author meant them to be worked.
import type { IssueDoc, PhaseDoc } from '../domain/document.js';
import type { Severity } from '../domain/enums.js';
import { readSeverity } from '../domain/vocabulary.js';

const TIER_NAME = /^(?:fix(?:ing)?\s+(?:the\s+|all\s+)?)?(?:all\s+)?(\p{L}+)(?:\s+(?:issues?|bugs?|findings?|problems?|defects?|fixes|items?|probleme|problemas))?$/iu;

/** The tier a phase's name is about, when the name is nothing but a tier. */
export function phaseTier(name: string): Severity | null {
  const m = TIER_NAME.exec(name.trim());
  return m ? readSeverity(m[1]!) : null;
}

/** The folder a phase's name points at (`src/billing/`), if it names one. */
export function phaseFolder(name: string): string | null {
  const m = /(?:^|\s)`?((?:[\w.-]+\/)+)`?(?:\s|$)/.exec(name);
  return m ? m[1]! : null;
}

export function linkPhases(phases: readonly PhaseDoc[], issues: IssueDoc[]): void {
  const tops = phases.filter((p) => !p.parent);
  const byTier = new Map<Severity, string>();
  const byFolder: Array<[string, string]> = [];
  for (const phase of tops) {
    const tier = phaseTier(phase.name);
    if (tier && !byTier.has(tier)) byTier.set(tier, phase.key);
    const folder = phaseFolder(phase.name);
    if (folder) byFolder.push([folder, phase.key]);
  }
  if (byTier.size === 0 && byFolder.length === 0) return;
  for (const issue of issues) {
    if (issue.phase !== null) continue;
    const folder = byFolder.find(([f]) => issue.files.some((file) => file.startsWith(f)));
    issue.phase = folder?.[1] ?? byTier.get(issue.severity) ?? null;
  }
}
