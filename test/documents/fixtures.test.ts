// The documents we wrote in other styles than the examples: what each must yield.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAuditMarkdown } from '../../src/documents/parse-audit-markdown.js';

const parse = (name: string) => parseAuditMarkdown(readFileSync(new URL(`../fixtures/documents/${name}`, import.meta.url), 'utf8'));

describe('documents in other styles', () => {
  it('plain-register.md: P1..P4 headings, other column names and orders, missing cells, plain header labels', () => {
    const { document: doc, warnings } = parse('plain-register.md');
    expect(doc.project).toMatchObject({ name: 'Harbor API Register', owner: 'Infra Guild', date: '2026-04-01' });
    expect(doc.issues.map((i) => [i.key, i.severity, i.status, i.owner, i.estimateMinutes])).toEqual([
      ['HA-1', 'critical', 'backlog', 'Infra', 120],
      ['HA-2', 'critical', 'backlog', null, 30],
      ['HA-3', 'major', 'in_progress', null, null],
      ['HA-4', 'major', 'wont_fix', null, null],
      ['HA-5', 'medium', 'resolved', null, null],
      ['HA-6', 'medium', 'backlog', null, null],
      ['HA-7', 'minor', 'backlog', 'Docs', null],
    ]);
    expect(doc.issues[0]!.extra).toEqual({ Customer: 'Acme' });
    expect(doc.issues[4]!.extra).toEqual({ ETA: 'ASAP' });
    expect(doc.notes).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('crlf-high-low.md: CRLF, no emoji, Blockers/HIGH/LOW headings, several files per row', () => {
    const { document: doc, notes } = parse('crlf-high-low.md');
    expect(doc.project).toMatchObject({ owner: 'Release Desk', status: 'AMBER' });
    expect(doc.issues.map((i) => [i.key, i.severity, i.status])).toEqual([
      ['OM-10', 'critical', 'blocked'],
      ['OM-11', 'critical', 'in_progress'],
      ['OM-20', 'major', 'backlog'],
      ['OM-30', 'minor', 'resolved'],
    ]);
    expect(doc.issues[0]!.files).toEqual(['android/app/Main.kt', 'android/app/Boot.kt']);
    expect(doc.checklists[0]!.items.map((i) => i.rule)).toEqual([null, 'issues.open(["critical"]) == 0', 'kpi("crash_free_sessions") >= 99.5']);
    expect(notes.map((n) => n.section)).toEqual(['Checklist before submission', 'Contacts']);
    expect(JSON.stringify(doc)).not.toContain('\r');
  });

  it('only-checklists.md: nested sections, no issues', () => {
    const { document: doc } = parse('only-checklists.md');
    expect(doc.issues).toEqual([]);
    expect(doc.checklists.map((c) => [c.key, c.section, c.items.length])).toEqual([
      ['security', null, 3],
      ['backups', 'Operations', 2],
      ['alerting', 'Operations', 2],
    ]);
    expect(doc.kpis.map((k) => k.key)).toEqual(['uptime']);
  });

  it('weekly-plan.md: week phases, hour budgets, plain escalation levels, list-form risks, team capacity', () => {
    const { document: doc } = parse('weekly-plan.md');
    expect(doc.phases.map((p) => [p.key, p.window, p.state, p.label, p.hours])).toEqual([
      ['week-1', 'Week 1', 'active', 'CURRENT', 40],
      ['week-2-3', 'Week 2-3', 'next', 'NEXT', 60],
      ['week-4', 'Week 4', 'planned', null, 24],
    ]);
    expect(doc.issues[0]).toMatchObject({ key: 'LS-1', phase: 'week-1', estimateMinutes: 90 });
    expect(doc.escalation.map((e) => [e.level, e.afterMinutes, e.contacts])).toEqual([
      [1, 120, ['Data on-call']],
      [2, 10080, ['Head of Data', 'Finance Lead']],
    ]);
    expect(doc.risks).toEqual([
      expect.objectContaining({ title: 'Backfill overloads the primary database', mitigation: 'Run it against the replica with a rate limit', category: null }),
    ]);
    expect(doc.teams[0]).toEqual({ name: 'Data Platform', focus: 'Sync job and backfill', members: [], capacityHours: 40 });
  });

  it('mojibake-windows-1252.md: emoji read as Windows-1252 are repaired before reading', () => {
    const { document: doc } = parse('mojibake-windows-1252.md');
    expect(doc.issues.map((i) => [i.key, i.severity, i.status])).toEqual([
      ['AC-1', 'critical', 'in_progress'],
      ['AC-2', 'critical', 'resolved'],
      ['AC-3', 'minor', 'backlog'],
    ]);
    expect(doc.issues[2]!.title).toBe('Button label says “Submitt”');
    expect(doc.kpis.map((k) => k.key)).toEqual(['ci_success_rate']);
  });
});
