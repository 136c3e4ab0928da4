// Issues the document put in no phase are linked to the phase that names their tier, label or
// folder (src/domain/phase-links.ts); issues added later get the same link from the services.
import type { IssueDoc, PhaseDoc } from '../domain/document.js';
import { phaseLinker } from '../domain/phase-links.js';

export function linkPhases(phases: readonly PhaseDoc[], issues: IssueDoc[]): void {
  if (phases.length === 0) return;
  const link = phaseLinker(phases);
  for (const issue of issues) if (issue.phase === null) issue.phase = link(issue);
}
