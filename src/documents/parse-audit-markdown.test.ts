import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PunchlistError } from '../domain/errors.js';
import { LIMITS } from '../domain/limits.js';
import { deriveProjectKey } from '../domain/project-key.js';
import { parseAuditMarkdown, suggestProjectName } from './parse-audit-markdown.js';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/documents/${name}`, import.meta.url), 'utf8');

describe('parseAuditMarkdown: examples/audit.md', () => {
  const { document: doc, recognised, notes, warnings } = parseAuditMarkdown(fixture('audit.md'));

  it('reads the header', () => {
    expect(doc.project).toEqual({
      key: 'TB',
      name: 'Tidewater Billing',
      title: 'TIDEWATER BILLING - PRE-LAUNCH AUDIT & ISSUE REGISTER',
      owner: 'Platform Lead',
      date: 'March 2026',
      status: 'TRIAGE IN PROGRESS',
      summary: null,
    });
  });

  it('reads every issue row with its tier, status, owner, estimate and file, whatever the column order', () => {
    expect(doc.issues.map((i) => [i.key, i.severity, i.status, i.owner, i.estimateMinutes, i.files.join()])).toEqual([
      ['B001', 'critical', 'in_progress', 'Platform Lead', 45, 'services/invoices/render.ts'],
      ['B002', 'critical', 'resolved', 'Payments Team', null, 'api/webhooks/verify.ts'],
      ['B003', 'critical', 'blocked', 'Data Team', 180, 'db/migrations/0007_tax.sql'],
      ['B004', 'critical', 'planned', 'DevOps', 60, 'Dockerfile'],
      ['M001', 'major', 'in_progress', 'Payments Team', 120, 'services/tax/round.ts'],
      ['M002', 'major', 'planned', 'QA Team', 90, 'e2e/portal/login.spec.ts'],
      ['MD001', 'medium', 'backlog', 'Data Team', 30, 'workers/sync/retry.ts'],
      ['MD002', 'medium', 'backlog', 'Web Team', 60, 'web/src/lib/'],
      ['MD003', 'medium', 'resolved', 'Web Team', null, 'web/src/components/Toast.tsx'],
      ['MI001', 'minor', 'backlog', 'All Teams', 120, ''], // "Various" names no file,
      ['MI002', 'minor', 'backlog', 'Support Lead', 480, 'docs/runbook.md'],
      ['MI003', 'minor', 'backlog', 'DevOps', 10, 'README.md'],
    ]);
    expect(doc.issues.every((i) => i.source === 'markdown')).toBe(true);
  });

  it('reads phases with state, original label and tasks with their done state', () => {
    expect(doc.phases.map((p) => [p.key, p.name, p.state, p.label, p.items.length, p.items.filter((i) => i.done).length])).toEqual([
      ['phase-1', 'Blockers', 'active', 'ACTIVE', 5, 2],
      ['phase-2', 'Major Issues', 'next', 'NEXT', 3, 0],
      ['phase-3', 'Clean-up', 'planned', 'LATER', 2, 0],
    ]);
  });

  it('files task lists under their heading and turns measurable targets into rules', () => {
    expect(doc.checklists.map((c) => [c.key, c.section, c.items.length])).toEqual([
      ['automated-tests-needed', 'TEST PLAN', 4],
      ['manual-checks', 'TEST PLAN', 3],
      ['monitoring', 'OBSERVABILITY', 3],
      ['staging-sign-off', 'RELEASE GATES', 3],
      ['go-live-checklist', 'RELEASE GATES', 3],
      ['definition-of-done', 'DONE MEANS', 4],
    ]);
    const dod = doc.checklists.find((c) => c.key === 'definition-of-done')!;
    expect(dod.items[1]).toMatchObject({ text: '85%+ line coverage on services/', done: false, rule: 'coverage.lines >= 85.0' });
    expect(dod.items[0]!.rule).toBe('issues.open(["critical", "major"]) == 0');
  });

  it('reads teams and the numbered escalation path', () => {
    expect(doc.teams.map((t) => [t.name, t.focus])).toContainEqual(['Data Team', 'Migrations and sync workers']);
    expect(doc.teams).toHaveLength(4);
    expect(doc.escalation).toMatchObject([
      { level: 1, afterMinutes: null, scope: 'any blocker older than a day', severities: ['critical'], contacts: ['Platform Lead'], resolution: null },
      { level: 2, afterMinutes: null, scope: 'missed ETAs on major issues', severities: ['major'], contacts: ['Engineering Manager'], resolution: null },
      { level: 3, afterMinutes: null, scope: 'anything that moves the launch date', severities: [], contacts: ['CTO'], resolution: null },
    ]);
  });

  it('keeps what it does not understand as notes, and skips the computed standup', () => {
    expect(notes.map((n) => n.section)).toEqual([
      '',
      'FINDINGS BY SEVERITY › BLOCKERS (Priority 1)',
      'FINDINGS BY SEVERITY › MAJOR ISSUES (Priority 2)',
      'FINDINGS BY SEVERITY › MEDIUM ISSUES (Priority 3)',
      'FINDINGS BY SEVERITY › MINOR ISSUES (Priority 4)',
    ]);
    expect(notes[0]!.markdown).toBe('**Last Updated**: March 2026\n**Next Review**: Daily at 10:00 CET');
    expect(recognised).toMatchObject({ issues: 12, phases: 3, tasks: 10, checklists: 6, checkItems: 20, teams: 4, escalationLevels: 3, notes: 5, computed: 1 });
    expect(warnings).toEqual([]);
  });
});

describe('parseAuditMarkdown: examples/roadmap.md (emoji mis-decoded)', () => {
  const { document: doc, notes } = parseAuditMarkdown(fixture('roadmap.md'));

  it('reads the summary', () => {
    expect(doc.project.title).toBe('Tidewater Billing Stabilisation - Executive Roadmap');
    expect(doc.project.summary).toMatch(/^34 open issues found/);
  });

  it('reads immediate actions with estimates and snippets, and next steps', () => {
    expect(doc.actions.map((a) => [a.kind, a.title, a.estimateMinutes, a.snippetLang])).toEqual([
      ['action', 'Migration Test Database', 180, 'bash'],
      ['action', 'Payment Provider Keys in CI', 60, 'bash'],
      ['action', 'Health Endpoint and Scrape Config', 120, 'yaml'],
      ['next_step', 'Create the fix/release-blockers branch', null, null],
      ['next_step', 'Add the sandbox keys to CI', null, null],
      ['next_step', 'Start the migration test database', null, null],
    ]);
    expect(doc.actions[2]!.snippet).toContain('scrape_interval: 30s');
  });

  it('reads phases, their steps with window, branch and deliverables, and hour budgets', () => {
    expect(doc.phases.map((p) => [p.key, p.name, p.window, p.branch, p.hours, p.deliverables.length])).toEqual([
      ['phase-1', 'RELEASE PIPELINE', null, null, 60, 0],
      ['phase-1.1', 'Migrations and Secrets', 'Day 1-3', 'fix/release-blockers', null, 3],
      ['phase-1.2', 'Test Stability', 'Day 4-5', 'chore/test-stability', null, 2],
      ['phase-2', 'CORRECTNESS', null, null, 45, 3],
      ['phase-3', 'LAUNCH READINESS', null, null, 30, 3],
    ]);
  });

  it('turns targets into ruled items and KPIs per phase', () => {
    expect(doc.kpis.map((k) => [k.key, k.target, k.comparator, k.unit, k.phase])).toEqual([
      ['ci_success_rate', 95, '>=', '%', 'phase-1'],
      ['p95_invoice_render', 800, '<', 'ms', 'phase-2'],
      ['error_rate', 0.5, '<', '%', 'phase-3'],
    ]);
    const p1 = doc.checklists.find((c) => c.key === 'phase-1-targets')!;
    expect(p1.items.map((i) => [i.text, i.done, i.rule])).toEqual([
      ['95% CI pipeline success rate', false, 'kpi("ci_success_rate") >= 95.0'],
      ['0 open blockers', false, 'issues.open(["critical"]) == 0'],
      ['Health endpoint live', true, null],
    ]);
  });

  it('reads risks under their category, escalation levels with windows, and approvals', () => {
    expect(doc.risks.map((r) => [r.category, r.title.slice(0, 20), r.mitigation !== null])).toEqual([
      ['Technical', 'Tax fix changes hist', true],
      ['Technical', 'Migration rewrite lo', true],
      ['Business', 'Launch date slips pa', true],
    ]);
    expect(doc.escalation.map((e) => [e.level, e.afterMinutes, e.contacts, e.resolution, e.severities])).toEqual([
      [1, 240, ['Platform Lead', 'on-call engineer'], 'Hotfix branch', ['critical']],
      [2, 1440, ['Engineering Manager'], 'Next scheduled release', ['major']],
      [3, 4320, ['Owning team'], 'Backlog grooming', ['medium']],
    ]);
    // Its windows say hours and days, not business time: wall-clock.
    expect(doc.escalation.map((e) => e.businessHours)).toEqual([false, false, false]);
    const approval = doc.checklists.find((c) => c.title === 'Executive Approval Required')!;
    expect(approval.section).toBeNull();
    expect(approval.items.map((i) => i.done)).toEqual([true, false, false]);
    expect(notes).toEqual([{ section: '', markdown: expect.stringMatching(/^\*\*Success Definition\*\*/) }]);
  });
});

describe('parseAuditMarkdown: limits and odd input', () => {
  it('refuses a document over the size limit with one line', () => {
    const big = 'x'.repeat(LIMITS.markdownBytes + 1);
    expect(() => parseAuditMarkdown(big)).toThrow(PunchlistError);
    expect(() => parseAuditMarkdown(big)).toThrow(/over the \d+-byte limit/);
  });

  it('clips oversized fields instead of refusing the whole document', () => {
    const long = 'word '.repeat(1_200);
    const items = Array.from({ length: 1_200 }, (_, i) => `- [ ] task ${i}`).join('\n');
    const md = `# T\n\n## Critical\n\n| ID | Issue | ${'H'.repeat(300)} |\n|---|---|---|\n| A1 | ${long} | ${long} |\n\n## Phase 1: Big (ACTIVE)\n\n${items}\n\n## Checks\n\n- [ ] ${long} under 5 ms\n`;
    const { document } = parseAuditMarkdown(md);
    expect(document.issues[0]!.title.length).toBeLessThanOrEqual(LIMITS.titleLength);
    expect(document.phases[0]!.items).toHaveLength(LIMITS.listItems);
    expect(document.checklists[0]!.items[0]!.text.length).toBeLessThanOrEqual(LIMITS.titleLength * 4);
  });

  it('gives an empty document for empty input', () => {
    const { document } = parseAuditMarkdown('');
    expect(document.issues).toEqual([]);
    expect(document.project.key).toBe('PROJ');
  });

  it('keeps a second row with the same key as a note, with a warning', () => {
    const md = '## Critical\n\n| ID | Issue |\n|---|---|\n| A1 | one |\n| A1 | two |\n';
    const { document, warnings } = parseAuditMarkdown(md);
    expect(document.issues.map((i) => i.title)).toEqual(['one']);
    expect(warnings[0]).toMatch(/A1 appears twice/);
    expect(document.notes[0]!.markdown).toContain('two');
  });

  it('gives rows without an ID a stable key, the same on every import', () => {
    const md = '## High\n\n| Issue | Status |\n|---|---|\n| Slow login | open |\n';
    const a = parseAuditMarkdown(md, { projectKey: 'X' }).document.issues[0]!;
    const b = parseAuditMarkdown(md, { projectKey: 'X' }).document.issues[0]!;
    expect(a.key).toMatch(/^X-[0-9A-Z]+$/);
    expect(a.key).toBe(b.key);
    expect(a.severity).toBe('major');
  });

  it('suggests a project name and key from the title', () => {
    expect(suggestProjectName('TIDEWATER BILLING - PRE-LAUNCH AUDIT')).toBe('Tidewater Billing');
    expect(suggestProjectName(null)).toBe('Project');
    expect(deriveProjectKey('Tidewater Billing')).toBe('TB');
    expect(deriveProjectKey('Orbit')).toBe('ORBI');
  });
});
