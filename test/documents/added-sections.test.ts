// Items added since the import appear in the section of the author's document they belong to
// (issue 9, item 1): a new risk is a row of the author's risk table, a new KPI a row of the KPI
// table, a new phase a row of the schedule or a heading after the plan's last phase, and a new
// issue a line of a register written as a list — each in the author's own column layout. After one
// such change the diff is exactly that change, and the changed render reads back with it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ProjectDocument } from '../../src/domain/document.js';
import { parseAuditMarkdown } from '../../src/documents/parse-audit-markdown.js';
import { renderReport } from '../../src/documents/render-report.js';
import { buildReportModel } from '../../src/documents/report-model.js';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const TABLES = read('../fixtures/documents/table-heavy-odd-columns.md');
const BULLETS = read('../fixtures/documents/terse-bullet-audit.md');
const AUDIT = read('../../examples/audit.md');

const render = (doc: ProjectDocument, addMissing = false) => renderReport('audit', buildReportModel(doc), 'md', { addMissing });

/** Lines added or changed (a longest-common-subsequence diff), as [before, after]; an added line is [null, after]. */
function diff(before: string, after: string): Array<[string | null, string]> {
  const a = before.split('\n');
  const b = after.split('\n');
  const lcs = a.map(() => new Array<number>(b.length + 1).fill(0));
  lcs.push(new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: Array<[string | null, string]> = [];
  let i = 0;
  let j = 0;
  while (j < b.length) {
    if (i < a.length && a[i] === b[j]) {
      i++;
      j++;
    } else if (i < a.length && lcs[i + 1]![j]! >= lcs[i]![j + 1]! && lcs[i + 1]![j + 1]! === lcs[i]![j]!) {
      out.push([a[i]!, b[j]!]);
      i++;
      j++;
    } else if (i >= a.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!) {
      out.push([null, b[j]!]);
      j++;
    } else {
      out.push([a[i]!, '']);
      i++;
    }
  }
  return out;
}

function changed(text: string, edit: (doc: ProjectDocument) => void): { out: string; lines: Array<[string | null, string]> } {
  const doc = parseAuditMarkdown(text).document;
  expect(render(doc)).toBe(text);
  edit(doc);
  const out = render(doc);
  return { out, lines: diff(text, out) };
}

const risk = { title: 'Auditor leaves mid-review', category: null, mitigation: 'Book a second auditor', likelihood: 'Low', impact: 'High', owner: 'Mei Lin', status: 'open' };
const phase = (key: string, name: string) => ({
  key,
  name,
  order: 99,
  state: 'planned' as const,
  label: null,
  window: null,
  branch: null,
  hours: 8,
  deliverables: [],
  items: [{ text: 'Go live', done: false, rule: null, doneBy: null, doneAt: null }],
});

describe('risks, KPIs and phases added since the import', () => {
  it('a new risk: one row of the risk table, in its columns, its numbering going on', () => {
    const { lines } = changed(TABLES, (d) => d.risks.push(risk));
    expect(lines).toEqual([[null, '| R3 | Auditor leaves mid-review | Low | High | Book a second auditor | Mei Lin |']]);
  });

  it('a new KPI: one row of the metrics table (no baseline yet)', () => {
    const { lines } = changed(TABLES, (d) => d.kpis.push({ key: 'uptime', name: 'Uptime', unit: '%', target: 99.9, comparator: '>=', phase: null, values: [] }));
    expect(lines).toEqual([[null, '| Uptime | - | 99.9% |']]);
  });

  it('a new KPI with a recorded value: the value in the baseline column', () => {
    const doc = parseAuditMarkdown(TABLES).document;
    doc.kpis.push({ key: 'uptime', name: 'Uptime', unit: '%', target: 99.9, comparator: '>=', phase: null, values: [] });
    const out = renderReport('audit', buildReportModel(doc, {}, { uptime: { value: 99.95, at: '2026-11-20T00:00:00.000Z', onTrack: true } }), 'md');
    expect(out).toContain('| Checkout p95 (ms) | 820 | 400 |\n| Uptime | 99.95% | 99.9% |\n');
  });

  it('a new phase: one row of the schedule, named and stated the way its stages are', () => {
    const { lines } = changed(TABLES, (d) => d.phases.push(phase('phase-4', 'Launch')));
    expect(lines).toEqual([[null, '| Stage 4: Launch | - | 8 hours | Not started |']]);
  });

  it('a new phase in a plan of headings: a heading after the last phase, at its level, with its tasks', () => {
    const { lines, out } = changed(AUDIT, (d) => d.phases.push(phase('phase-4', 'Launch')));
    expect(lines).toEqual([
      [null, '### Phase 4: Launch (LATER)'],
      [null, '- [ ] Go live'],
      [null, ''],
    ]);
    expect(out).toContain('- [ ] Merge the duplicate helpers\n\n### Phase 4: Launch (LATER)\n- [ ] Go live\n\n## 📈 PROGRESS');
  });

  it('the changed render reads back with the risk, the KPI and the phase, and renders the same again', () => {
    const doc = parseAuditMarkdown(TABLES).document;
    doc.risks.push(risk);
    doc.kpis.push({ key: 'uptime', name: 'Uptime', unit: '%', target: 99.9, comparator: '>=', phase: null, values: [] });
    doc.phases.push(phase('phase-4', 'Launch'));
    const out = render(doc);
    const back = parseAuditMarkdown(out).document;
    expect(back.risks.at(-1)).toEqual({ ...risk, status: 'open' });
    expect(back.kpis.at(-1)).toMatchObject({ key: 'uptime', name: 'Uptime', target: 99.9, comparator: '>=', unit: '%' });
    expect(back.phases.at(-1)).toMatchObject({ key: 'phase-4', name: 'Launch', hours: 8, state: 'planned' });
    expect(render(back)).toBe(out);
  });

  it('a section the author did not write stays out unless --add-missing asks for it', () => {
    const doc = parseAuditMarkdown(BULLETS).document;
    doc.risks.push(risk);
    expect(render(doc)).toBe(BULLETS);
    expect(render(doc, true)).toContain('Auditor leaves mid-review');
  });
});

describe('a register written as a list', () => {
  it('reads task bullets under P1/P2/P3 headings as issues, with file, owner and estimate', () => {
    const doc = parseAuditMarkdown(BULLETS).document;
    expect(doc.issues.map((i) => [i.key, i.severity, i.status, i.owner, i.estimateMinutes, i.files])).toEqual([
      ['KM-1', 'critical', 'backlog', 'Priya', 240, ['auth/tokens.go']],
      ['KM-2', 'critical', 'resolved', 'Tomás', 120, ['api/admin/router.go']],
      ['KM-3', 'critical', 'backlog', 'Ops', 60, ['ops/certs/']],
      ['KM-4', 'major', 'backlog', 'Lena', 480, ['api/list.go']],
      ['KM-5', 'major', 'backlog', 'Priya', 180, ['auth/otp.go']],
      ['KM-6', 'medium', 'backlog', 'Lena', 120, ['internal/log/']],
      ['KM-7', 'medium', 'backlog', 'Ops', 30, ['api/health.go']],
    ]);
    expect(doc.checklists.map((c) => c.title)).toEqual(['Exit criteria']);
  });

  it('an issue resolved since: only its check box', () => {
    const { lines } = changed(BULLETS, (d) => (d.issues.find((i) => i.key === 'KM-1')!.status = 'resolved'));
    expect(lines).toEqual([['- [ ] KM-1 Refresh tokens never expire — `auth/tokens.go` — Priya — 4h', '- [x] KM-1 Refresh tokens never expire — `auth/tokens.go` — Priya — 4h']]);
  });

  it('an issue added since: one line at the end of its tier’s list, its fields in the list’s order', () => {
    const { lines, out } = changed(BULLETS, (d) =>
      d.issues.push({ ...d.issues[3]!, key: 'KM-8', title: 'Cursor leaks on timeout', owner: 'Lena', estimateMinutes: 90, files: ['api/cursor.go'] }),
    );
    expect(lines).toEqual([[null, '- [ ] KM-8 Cursor leaks on timeout — `api/cursor.go` — Lena — 1.5hrs']]);
    expect(out).toContain('— Priya — 3h\n- [ ] KM-8 Cursor leaks on timeout');
    expect(parseAuditMarkdown(out).document.issues.find((i) => i.key === 'KM-8')).toMatchObject({ severity: 'major', owner: 'Lena', estimateMinutes: 90, files: ['api/cursor.go'] });
  });

  it('a task list of ids under a heading that names no tier, with no fields, stays a checklist', () => {
    const doc = parseAuditMarkdown('# Launch\n\n## Release checklist\n\n- [ ] REL-1 Tag the release\n- [x] REL-2 Freeze the branch\n').document;
    expect(doc.issues).toEqual([]);
    expect(doc.checklists[0]?.items.map((i) => i.text)).toEqual(['REL-1 Tag the release', 'REL-2 Freeze the branch']);
  });
});
