// Reading by structure (issue 9): where a section sits and what it holds decide, words are hints.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { phaseFolder, phaseLabel, phaseTier } from '../../src/domain/phase-links.js';
import { parseAuditMarkdown } from '../../src/documents/parse-audit-markdown.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliWithStore } from '../support/cli.js';
import { FIXTURE_ROOT, fixturePath } from '../ingest/fixtures.js';

const fixture = (name: string) => new URL(`../fixtures/documents/${name}`, import.meta.url).pathname;
const parse = (name: string) => parseAuditMarkdown(readFileSync(fixture(name), 'utf8'));

describe('a plan by weeks with nested days', () => {
  const { document } = parse('migration-plan-weeks.md');

  it('keeps a week that names KPIs a phase, with its days as steps carrying branch and deliverables', () => {
    const week1 = document.phases.filter((p) => p.key === 'week-1' || p.parent === 'week-1');
    expect(week1.map((p) => [p.key, p.name, p.window, p.branch, p.deliverables.length, p.parent ?? null])).toEqual([
      ['week-1', 'Governance & KPI foundation', 'Week 1', null, 0, null],
      ['week-1.1', 'Inventory and owners', 'Day 1-2', 'mig/inventory', 2, 'week-1'],
      ['week-1.2', 'Metrics baseline', 'Day 3-5', 'mig/metrics-baseline', 2, 'week-1'],
    ]);
  });

  it('reads a time allocation as phase hours, not teams, and keeps the team size', () => {
    expect(document.phases.filter((p) => !p.parent).map((p) => p.hours)).toEqual([40, 60, 50, 30]);
    expect(document.teams).toEqual([{ name: 'Platform squad', focus: '3-4 developers', members: [], capacityHours: null }]);
    expect(document.project.owner).toBe('Tomás Herrera');
  });
});

describe('phases named after a tier or a folder', () => {
  it('recognises the name only when it is nothing but a tier', () => {
    expect(['Critical issues', 'Blockers', 'Kritische Probleme', 'Fix all major bugs', 'Performance and hygiene', 'High availability work'].map(phaseTier)).toEqual([
      'critical', 'critical', 'critical', 'major', null, null,
    ]);
    expect(phaseFolder('Billing clean-up in src/billing/')).toBe('src/billing/');
  });

  it('links the tier’s issues to the phase, so standup and forecast count them there', { timeout: 60_000 }, async () => {
    const cli = cliWithStore();
    expect((await cli.run('import', fixture('eng-audit-register.md'))).code).toBe(0);
    const standup = (await cli.run('standup', '--json')).json<{ focus: { key: string; openIssues: number } }>();
    expect(standup.focus).toMatchObject({ key: 'phase-1', openIssues: 2 });
    const forecast = (await cli.run('forecast', '--json')).json<Array<{ phase: string; remaining: Record<string, number> }>>();
    expect(forecast[0]).toMatchObject({ phase: 'phase-1', remaining: { critical: 2 } });
  });
});

describe('issues added after the import', () => {
  const plan = [
    '# Bot launch audit',
    '',
    '## Plan',
    '',
    '### Phase 1: Critical issues (ACTIVE)',
    '- [ ] Ship the fixes',
    '',
    '### Phase 2: Security (NEXT)',
    '- [ ] Review the auth code',
    '',
    '### Phase 3: Handlers in bot/handlers/',
    '- [ ] Lint clean',
    '',
  ].join('\n');

  it('join the phase that names their tier, a label or their folder, by CLI and by ingest; standup and forecast count them', { timeout: 60_000 }, async () => {
    const cli = cliWithStore();
    const file = join(mkdtempSync(join(tmpdir(), 'punchlist-plan-')), 'plan.md');
    writeFileSync(file, plan);
    expect((await cli.run('--project', 'BOT', 'import', file)).code).toBe(0);
    expect((await cli.run('issue', 'add', 'Token leak in logs', '--severity', 'critical')).code).toBe(0);
    expect((await cli.run('issue', 'add', 'No CSRF token on settings', '--severity', 'major', '--label', 'Security')).code).toBe(0);
    expect((await cli.run('issue', 'add', 'Chosen by hand', '--severity', 'critical', '--phase', 'phase-2')).code).toBe(0);
    expect((await cli.run('issue', 'add', 'Nothing names it', '--severity', 'minor')).code).toBe(0);
    expect((await cli.run('ingest', '--root', FIXTURE_ROOT, fixturePath('eslint.json'))).code).toBe(0);

    const issues = (await cli.run('--json', 'issue', 'list', '--all')).json<Array<{ title: string; phase: string | null; files: string[] }>>();
    const phaseOf = (title: string) => issues.find((i) => i.title === title)?.phase;
    expect([phaseOf('Token leak in logs'), phaseOf('No CSRF token on settings'), phaseOf('Chosen by hand'), phaseOf('Nothing names it')]).toEqual(['phase-1', 'phase-2', 'phase-2', null]);
    const ingested = issues.filter((i) => i.files.some((f) => f.startsWith('bot/handlers/')));
    expect(ingested.length).toBeGreaterThan(0);
    expect(new Set(ingested.map((i) => i.phase))).toEqual(new Set(['phase-3']));

    const standup = (await cli.run('standup', '--json')).json<{ focus: { key: string; openIssues: number }; next: { key: string; openIssues: number } }>();
    expect(standup.focus).toMatchObject({ key: 'phase-1', openIssues: 1 });
    expect(standup.next).toMatchObject({ key: 'phase-2', openIssues: 2 });
    const forecast = (await cli.run('forecast', '--json')).json<Array<{ phase: string; remaining: Record<string, number> }>>();
    expect(forecast.find((f) => f.phase === 'phase-1')?.remaining).toMatchObject({ critical: 1, major: 0 });
    // Phases are worked in order: phase 2's remaining work includes phase 1's.
    expect(forecast.find((f) => f.phase === 'phase-2')?.remaining).toMatchObject({ critical: 2, major: 1 });
  });

  it('a phase name is a label only as a whole name or a code span', () => {
    expect(['Security', 'Security issues', '`needs-design` work', 'Performance and hygiene', 'Critical issues'].map(phaseLabel)).toEqual([
      'security', 'security', 'needs-design', 'performance-and-hygiene', null,
    ]);
  });
});

describe('documents written after the importer (a numbered outline, odd table columns)', () => {
  it('reads outline-numbered stages, plain `Branch:` lines, header synonyms and a plain list of launch criteria', () => {
    const { document } = parse('numbered-deep-plan.md');
    expect(document.phases.map((p) => [p.key, p.window, p.parent ?? null, p.branch])).toEqual([
      ['week-1', 'Week 1', null, 'stabilise/week-1'],
      ['week-1.1', 'Day 1–2', 'week-1', null],
      ['week-1.2', 'Day 3–5', 'week-1', null],
      ['week-2', 'Week 2', null, 'stabilise/week-2'],
      ['week-2.1', 'Day 6–7', 'week-2', null],
      ['week-2.2', 'Day 8–10', 'week-2', null],
    ]);
    expect(document.project).toMatchObject({ owner: 'Sam Whitfield', date: '2026-11-20', status: 'Week 1 underway' });
    expect(document.checklists[0]?.items.map((i) => i.rule)).toEqual(['issues.open(["critical"]) == 0', 'issues.atLeast(5) && issues.open() == 0', 'coverage.lines >= 90.0']);
  });

  it('takes "Severity N" headings as tiers', () => {
    const { document } = parse('table-heavy-odd-columns.md');
    expect(document.issues.map((i) => i.severity)).toEqual(['critical', 'critical', 'major', 'major', 'major', 'medium']);
  });
});

describe('cells that name nothing', () => {
  it('reads "Various", "N/A" as no file and "Unassigned" as no owner', () => {
    const { document } = parse('eng-audit-register.md');
    expect(document.issues.filter((i) => ['LDG-05', 'LDG-06'].includes(i.key)).map((i) => i.files)).toEqual([[], []]);
    expect(parse('jira-table.md').document.issues.find((i) => i.key === 'HRD-105')?.owner).toBeNull();
  });
});

describe('saying what happened', () => {
  it('the summary counts items and lists those kept as notes, with the heading they came from', { timeout: 60_000 }, async () => {
    const cli = cliWithStore();
    const out = (await cli.run('import', '--dry-run', new URL('../../examples/audit.md', import.meta.url).pathname)).stdout;
    expect(out).toContain('Items recognised: 56 of 58 (96.6%); kept as notes:');
    expect(out).toContain('  line 125: **Last Updated**: March 2026');
    expect(out).toContain('  note under FINDINGS BY SEVERITY › BLOCKERS (Priority 1): **Stops the release');
  });

  it('import --explain shows block by block what each became and why', { timeout: 60_000 }, async () => {
    const cli = cliWithStore();
    const out = (await cli.run('import', '--dry-run', '--explain', fixture('migration-plan-weeks.md'))).stdout;
    expect(out).toContain('line 8 · Week 1: Governance & KPI foundation › Day 1-2: Inventory and owners · heading ### → phase week-1.1 (a step of week-1)');
    expect(out).toContain('line 9 · Week 1: Governance & KPI foundation › Day 1-2: Inventory and owners · paragraph → 1 phase field');
    expect(out).toMatch(/line \d+ · Time allocation · list → 4 hour budgets\n {6}why: /);
    const json = (await cli.run('--json', 'import', '--dry-run', '--explain', fixture('migration-plan-weeks.md'))).json<{ explain: unknown[]; items: { total: number } }>();
    expect(json.explain.length).toBeGreaterThan(10);
    expect(json.items.total).toBe(19);
  });

  it('--explain says when a block was read by its content: header, risk, KPI and schedule tables, lists of issue ids, ETAs', { timeout: 60_000 }, async () => {
    const cli = cliWithStore();
    const tables = (await cli.run('import', '--dry-run', '--explain', fixture('table-heavy-odd-columns.md'))).stdout;
    expect(tables).toContain('line 3 · (document) · table → 3 header fields\n      why: a two-column table under the title whose first column holds header labels');
    expect(tables).toContain('line 32 · Risk log · table → 2 risks\n      why: columns of levels (Likelihood, Impact) beside a text column: a risk table');
    expect(tables).toContain('line 39 · Success metrics · table → 3 KPIs\n      why: a name column and a numeric target column (Target): a KPI table');
    expect(tables).toContain('line 47 · Schedule · table → 3 phases, 6 phase fields\n      why: every cell of column Stage opens a stage of work: a schedule of phases');
    const bullets = (await cli.run('import', '--dry-run', '--explain', fixture('terse-bullet-audit.md'))).stdout;
    expect(bullets).toContain('line 9 · P1 — must fix before launch · list → 3 issues (tier critical from the heading)\n      why: every item opens with an issue id under a heading that names a tier');
    const linear = (await cli.run('import', '--dry-run', '--explain', fixture('linear-project-export.md'))).stdout;
    expect(linear).toContain('(1 ETA kept live from the forecast, not stored)');
    expect(linear).toContain('line 3 · (document) · paragraph → 1 ETA kept live from the forecast, 2 header fields');
    expect(linear).toContain('why: bold titles with Likelihood/Impact fields under a risk heading: risks');
    expect(linear).toContain('  note under Latest project update — Nov 20 · At risk: Apple Pay regression');
  });
});
