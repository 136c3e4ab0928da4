// A phase named after a tier ("Phase 1: Critical issues", "Phase 2: Blockers"), a label
// ("Phase 3: Security", "Week 2: `needs-design`") or a folder ("Week 2: src/billing/") is about
// those issues. An issue put in no phase belongs to the first such phase that matches it: at
// import, and when it is added later by the CLI, the API or an ingest, so the standup and the
// forecast count it where the author meant it to be worked.
import type { Severity } from './enums.js';
import { readSeverity } from './vocabulary.js';

const TIER_NAME = /^(?:fix(?:ing)?\s+(?:the\s+|all\s+)?)?(?:all\s+)?([\p{L}][\p{L}\p{N}_ -]*?)(?:\s+(?:issues?|bugs?|findings?|problems?|defects?|fixes|items?|work|probleme|problemas))?$/iu;

/** The tier a phase's name is about, when the name is nothing but a tier. */
export function phaseTier(name: string): Severity | null {
  const m = TIER_NAME.exec(name.trim());
  return m && !/\s/.test(m[1]!.trim()) ? readSeverity(m[1]!) : null;
}

/** The folder a phase's name points at (`src/billing/`), if it names one. */
export function phaseFolder(name: string): string | null {
  const m = /(?:^|\s)`?((?:[\w.-]+\/)+)`?(?:\s|$)/.exec(name);
  return m ? m[1]! : null;
}

/** How a label is compared: case, spaces and hyphens do not matter. */
const labelForm = (text: string): string => text.trim().toLowerCase().replace(/[\s_-]+/g, '-');

/** The label a phase's name could be: a `code` span, else the whole name without "issues"/"work". */
export function phaseLabel(name: string): string | null {
  const code = /`([^`/]+)`/.exec(name);
  if (code) return labelForm(code[1]!);
  const m = TIER_NAME.exec(name.trim());
  return m && phaseTier(name) === null ? labelForm(m[1]!) : null;
}

export interface LinkablePhase {
  key: string;
  name: string;
  parent?: string | null | undefined;
}

export interface LinkableIssue {
  severity: Severity;
  files: readonly string[];
  labels: readonly string[];
}

/** The phase an issue with no phase belongs to by its folder, then a label, then its tier. */
export function linkedPhase(phases: readonly LinkablePhase[], issue: LinkableIssue): string | null {
  return phaseLinker(phases)(issue);
}

/**
 * `linkedPhase` for many issues against the same phases: each phase's name is read once (its
 * folder, label and tier), not once per issue — an ingest or an import links tens of thousands.
 */
export function phaseLinker(phases: readonly LinkablePhase[]): (issue: LinkableIssue) => string | null {
  const tops = phases.filter((p) => !p.parent);
  if (tops.length === 0) return () => null;
  const folders = tops.flatMap((p) => {
    const folder = phaseFolder(p.name);
    return folder === null ? [] : [{ key: p.key, folder }];
  });
  const labels = tops.flatMap((p) => {
    const label = phaseLabel(p.name);
    return label === null ? [] : [{ key: p.key, label }];
  });
  const tiers = tops.map((p) => ({ key: p.key, tier: phaseTier(p.name) }));
  return (issue) => {
    const byFolder = folders.find(({ folder }) => issue.files.some((f) => f.startsWith(folder)));
    if (byFolder) return byFolder.key;
    if (issue.labels.length > 0 && labels.length > 0) {
      const own = new Set(issue.labels.map(labelForm));
      const byLabel = labels.find(({ label }) => own.has(label));
      if (byLabel) return byLabel.key;
    }
    return tiers.find(({ tier }) => tier === issue.severity)?.key ?? null;
  };
}
