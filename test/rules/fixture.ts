// A small project with a recorded state, written through the store's own API, for the rules
// integration tests on both stores.
import type { ChecklistDoc, KpiDoc, PhaseDoc } from '../../src/domain/document.js';
import type { Severity, Status } from '../../src/domain/enums.js';
import type { Project } from '../../src/domain/model.js';
import type { Store } from '../../src/domain/ports.js';

export const item = (text: string, rule: string | null = null, done = false) => ({ text, rule, done, doneBy: null, doneAt: null });

export const CHECKLISTS: ChecklistDoc[] = [
  {
    key: 'dod',
    title: 'Definition of Done',
    section: 'Release',
    items: [
      item('0 critical issues remaining', 'issues.open(["critical"]) == 0'),
      item('All tests passing', 'tests.failed == 0'),
      item('80%+ test coverage', 'coverage.lines >= 80.0'),
      item('95% CI pipeline success rate', 'kpi("ci_success_rate") >= 95.0'),
      item('Rollback rehearsed'),
    ],
  },
  {
    key: 'approval',
    title: 'Executive Approval',
    section: null,
    items: [item('CTO sign-off'), item('CFO sign-off'), item('Release gate green', 'checklist("dod").done')],
  },
];

export const PHASES: PhaseDoc[] = [
  { key: 'p1', name: 'Stabilise', order: 1, state: 'active', label: 'ACTIVE', window: 'Week 1', branch: null, hours: 40, deliverables: [], items: [item('No blocked issues in p1', 'issues.count({"phase": "p1", "status": "blocked"}) == 0'), item('Hotfix deployed', null, true)] },
  { key: 'p2', name: 'Harden', order: 2, state: 'next', label: 'NEXT', window: 'Week 2', branch: null, hours: 40, deliverables: [], items: [] },
];

export const KPIS: KpiDoc[] = [
  { key: 'ci_success_rate', name: 'CI pipeline success rate', unit: '%', target: 95, comparator: '>=', phase: 'p1', values: [] },
  { key: 'error_rate', name: 'Error rate', unit: '%', target: 0.5, comparator: '<', phase: null, values: [] },
];

const ISSUES: [string, Severity, Status, string | null, string[]][] = [
  ['C001', 'critical', 'backlog', 'p1', ['security']],
  ['C002', 'critical', 'in_progress', 'p1', []],
  ['C003', 'critical', 'resolved', 'p1', []],
  ['M001', 'major', 'blocked', 'p1', ['security']],
  ['M002', 'major', 'planned', 'p2', []],
  ['N001', 'minor', 'wont_fix', null, []],
];

const ESTIMATES: Record<string, number> = { C001: 120, M001: 90, C003: 60 };

export async function seedProject(store: Store): Promise<Project> {
  return store.write(async (tx) => {
    const project = await tx.projects.insert(
      { key: 'TW', name: 'Tidewater Billing', title: null, owner: null, date: '2026-11-16', status: null, summary: null },
      '2026-11-16T09:00:00.000Z',
    );
    for (const [key, severity, status, phase, labels] of ISSUES) {
      const estimateMinutes = ESTIMATES[key] ?? null;
      await tx.issues.insert(project.id, { key, title: `Issue ${key}`, severity, status, phase, labels, estimateMinutes, createdAt: '2026-11-16T09:00:00.000Z' }, '2026-11-16T09:00:00.000Z');
    }
    await tx.sections.replace(project.id, { checklists: CHECKLISTS, phases: PHASES, kpis: KPIS });
    return project;
  });
}
