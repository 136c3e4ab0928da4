import { describe, expect, it } from 'vitest';
import { emptyDocument, type IssueDoc, type ProjectDocument } from '../domain/document.js';
import { escapeHtml } from './render-html.js';
import { parseAuditMarkdown } from './parse-audit-markdown.js';
import { buildReportModel } from './report-model.js';
import { renderReport } from './render-report.js';

const NOW = '2026-03-02T09:00:00.000Z';

function issue(key: string, overrides: Partial<IssueDoc> = {}): IssueDoc {
  return {
    key, title: `Issue ${key}`, severity: 'critical', status: 'backlog', owner: null, estimateMinutes: null, dueDate: null, files: [],
    phase: null, labels: [], links: [], source: 'manual', description: null, extra: {}, createdAt: null, startedAt: null, resolvedAt: null,
    comments: [], ...overrides,
  };
}

function doc(overrides: Partial<ProjectDocument> = {}): ProjectDocument {
  return { ...emptyDocument({ key: 'TW', name: 'Tidewater', title: 'Tidewater Audit', owner: 'Lead', date: 'March', status: null, summary: null }), ...overrides };
}

describe('renderReport', () => {
  it('counts the standup per tier in the example’s words', () => {
    const model = buildReportModel(
      doc({ issues: [issue('B1', { status: 'resolved' }), issue('B2', { status: 'in_progress' }), issue('B3', { status: 'blocked' }), issue('B4')] }),
      {}, {}, NOW,
    );
    const md = renderReport('standup', model, 'md');
    expect(md).toContain('# Tidewater Audit — Standup 2026-03-02');
    expect(md).toContain('- **Completed**: 1/4 blockers');
    expect(md).toContain('- **In Progress**: 1/4 blockers');
    expect(md).toContain('- **Blocked**: 1 (B3)');
  });

  it('shows KPI targets with their latest values and ruled items with their live state', () => {
    const model = buildReportModel(
      doc({
        kpis: [{ key: 'uptime', name: 'Uptime', unit: '%', target: 99.9, comparator: '>=', phase: null, values: [] }],
        checklists: [{ key: 'dod', title: 'Definition of Done', section: 'DONE', items: [{ text: '99.9% uptime', done: false, rule: 'kpi("uptime") >= 99.9', doneBy: null, doneAt: null }] }],
      }),
      { 'checklist:dod:0': { status: 'fail', reason: 'uptime is 99.5, needs >= 99.9', manual: false } },
      { uptime: { value: 99.5, at: '2026-03-01T00:00:00Z', onTrack: false } },
      NOW,
    );
    const md = renderReport('audit', model, 'md');
    expect(md).toContain('| uptime | Uptime | >= 99.9 | % | - | 99.5 (2026-03-01) | ❌ |');
    expect(md).toContain('- [ ] 99.9% uptime · _live: ❌ fail — uptime is 99.5, needs >= 99.9_');
    // The live part is computed: reading the report back leaves it out.
    const back = parseAuditMarkdown(md, { projectKey: 'TW' }).document;
    expect(back.checklists[0]!.items[0]!.text).toBe('99.9% uptime');
    expect(back.kpis[0]).toMatchObject({ key: 'uptime', target: 99.9, comparator: '>=' });
  });

  it('drops any live result on re-import, whatever its reason says', () => {
    const reasons = ['a_b * c [x] `y` <z> & _w_', 'ends with _', '**bold**', ''];
    for (const reason of reasons) {
      const model = buildReportModel(
        doc({ checklists: [{ key: 'c', title: 'Gate', section: 'G', items: [{ text: 'No open blockers', done: true, rule: 'x', doneBy: null, doneAt: null }] }] }),
        { 'checklist:c:0': { status: 'unknown', reason: reason === '' ? null : reason, manual: false } },
      );
      const back = parseAuditMarkdown(renderReport('audit', model, 'md'), { projectKey: 'TW' }).document;
      expect(back.checklists[0]!.items[0]).toMatchObject({ text: 'No open blockers', done: true });
      expect(back.notes).toEqual([]);
    }
  });

  it('escapes Markdown in text so it reads back the same', () => {
    const title = 'Fix `a|b` *bold* _x_ [link](y) <tag> & #1 - ok';
    const model = buildReportModel(doc({ issues: [issue('X-1', { title, files: ['src/a|b.ts', 'we`ird.ts'], extra: { Notes2: 'a | b' } })] }));
    const md = renderReport('audit', model, 'md');
    const back = parseAuditMarkdown(md, { projectKey: 'TW' }).document.issues[0]!;
    expect(back.title).toBe(title);
    expect(back.files).toEqual(['src/a|b.ts', 'we`ird.ts']);
    expect(back.extra).toEqual({ Notes2: 'a | b' });
  });

  it('writes HTML that escapes every text and carries no script or remote resource', () => {
    const model = buildReportModel(doc({ issues: [issue('X-1', { title: '<script>alert(1)</script>' })], notes: [{ section: '', markdown: '<img src=x onerror=alert(1)>\n\n[bad](javascript:alert(1))' }] }));
    const html = renderReport('audit', model, 'html');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('href="javascript');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(escapeHtml(`"'<>&`)).toBe('&quot;&#39;&lt;&gt;&amp;');
  });

  it('renders JSON with the document, the evaluation and the tiers', () => {
    const model = buildReportModel(doc({ issues: [issue('A')] }), {}, {}, NOW);
    const json = JSON.parse(renderReport('roadmap', model, 'json')) as { kind: string; generatedAt: string; tiers: Array<{ severity: string; total: number }> };
    expect(json.kind).toBe('roadmap');
    expect(json.generatedAt).toBe(NOW);
    expect(json.tiers[0]).toMatchObject({ severity: 'critical', total: 1 });
  });
});

describe('renderReport round trip of fields people set outside Markdown', () => {
  it('keeps links, labels, phase, due date, team members and capacity', () => {
    const original = doc({
      issues: [issue('A-1', { links: ['https://example.com/pr/1', 'fix/a'], labels: ['sync', 'ui'], phase: 'phase-1', dueDate: '2026-04-01', description: 'Long story' })],
      teams: [{ name: 'Data Team', focus: 'Sync', members: ['Ana', 'Bo'], capacityHours: 40 }],
    });
    const md = renderReport('audit', buildReportModel(original), 'md');
    const back = parseAuditMarkdown(md, { projectKey: 'TW' }).document;
    expect(back.issues[0]).toMatchObject({ links: ['https://example.com/pr/1', 'fix/a'], labels: ['sync', 'ui'], phase: 'phase-1', dueDate: '2026-04-01', description: 'Long story' });
    expect(back.teams).toEqual(original.teams);
  });
});

describe('sign-offs in reports', () => {
  it('shows who ticked an approval and when, and drops it on import', () => {
    const model = buildReportModel(
      doc({ checklists: [{ key: 'approval', title: 'Executive Approval Required', section: null, items: [{ text: 'Phase plan approval', done: true, rule: null, doneBy: 'Dana CFO', doneAt: '2026-03-01T10:00:00.000Z' }] }] }),
    );
    const md = renderReport('roadmap', model, 'md');
    expect(md).toContain('- [x] Phase plan approval · _done: Dana CFO, 2026-03-01_');
    const back = parseAuditMarkdown(md, { projectKey: 'TW' }).document;
    expect(back.checklists[0]!.items[0]).toMatchObject({ text: 'Phase plan approval', done: true });
  });
});

describe('the template draws nested phases', () => {
  const phase = (key: string, name: string, order: number, extra: Partial<ProjectDocument['phases'][number]> = {}): ProjectDocument['phases'][number] => ({
    key, name, order, state: 'planned', label: null, window: null, branch: null, hours: null, deliverables: [], items: [], ...extra,
  });
  const nested = doc({
    phases: [
      phase('week-1', 'Data safety', 0, { window: 'Week 1', state: 'active', hours: 60 }),
      // A step added later, with a key of its own: `parent` says where it belongs, not the key.
      phase('replication', 'Replication', 1, { window: 'Day 1-2', parent: 'week-1', branch: 'fix/replication', deliverables: ['Synchronous commit'], items: [{ text: 'Reproduce the loss', done: true, rule: null, doneBy: null, doneAt: null }] }),
      phase('week-2', 'Reliability', 2, { window: 'Week 2', hours: 40 }),
      phase('week-1.2', 'Search isolation', 3, { window: 'Day 3-5' }),
      phase('jobs', 'Jobs', 4, { window: 'Day 6-7', parent: 'week-2' }),
    ],
  });

  it.each(['audit', 'roadmap'] as const)('%s: a week and its days, each day under its week, one level deeper', (kind) => {
    const md = renderReport(kind, buildReportModel(nested), 'md');
    const headings = md.split('\n').filter((l) => /^#+ .*(Week|Day)/.test(l)).map((l) => l.replace(/[^#].*$/, '').length + ' ' + l.replace(/^#+ (?:📊 )?/, ''));
    const top = kind === 'audit' ? 3 : 2;
    expect(headings).toEqual([
      `${top} Week 1: Data safety (ACTIVE)`,
      `${top + 1} Day 1-2: Replication`,
      `${top + 1} Day 3-5: Search isolation`,
      `${top} Week 2: Reliability`,
      `${top + 1} Day 6-7: Jobs`,
    ]);
    expect(md).toContain('**Branch**: `fix/replication`');
    expect(md).toContain('- [x] Reproduce the loss');
  });

  it('reads back with the same nesting', () => {
    const back = parseAuditMarkdown(renderReport('audit', buildReportModel(nested), 'md'), { projectKey: 'TW' }).document;
    const parentOf = (name: string) => back.phases.find((p) => p.name === name)?.parent ?? null;
    expect(['Data safety', 'Replication', 'Search isolation', 'Reliability', 'Jobs'].map(parentOf)).toEqual([null, 'week-1', 'week-1', null, 'week-2']);
    expect(back.phases.find((p) => p.name === 'Replication')).toMatchObject({ branch: 'fix/replication', deliverables: ['Synchronous commit'] });
  });
});
