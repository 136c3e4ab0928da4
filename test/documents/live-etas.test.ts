// ETAs the author wrote, kept live (issue 9, item 1): where a document says when the project or a
// phase will be done (`**Target date**:`, a phase's `**ETA**:`, a schedule's ETA column), a report
// writes the forecast's date (its p50) in place of the written one, marked `_live: …_` and in the
// way the author writes dates. Unchanged, the text is the original byte for byte; a re-import of
// the changed render reads the marked value back as the ETA.
import { afterAll, describe, expect, it } from 'vitest';
import type { ProjectDocument } from '../../src/domain/document.js';
import type { Store } from '../../src/domain/ports.js';
import { today } from '../../src/domain/dates.js';
import { parseEtaDay, writeEtaLike } from '../../src/documents/eta-dates.js';
import { parseAuditMarkdown } from '../../src/documents/parse-audit-markdown.js';
import { renderReport } from '../../src/documents/render-report.js';
import { buildReportModel } from '../../src/documents/report-model.js';
import { addDays } from '../../src/rules/dates.js';
import { emptyCounts } from '../../src/rules/snapshot.js';
import { forecastEtas } from '../../src/services/forecast.js';
import { describeImport, importMarkdown } from '../../src/services/markdown-import.js';
import { renderProjectReport } from '../../src/services/reports.js';
import { storeFactories } from '../support/stores.js';

const DOC = `# Orca Launch
**Owner**: Ines Park
**Target date**: 2026-12-18

## P1 issues

| ID | Issue | Status | Phase |
|----|-------|--------|-------|
| OR-1 | Crash on login | 📋 PLANNED | phase-1 |
| OR-2 | Token leak | 📋 PLANNED | phase-2 |

## Plan

### Phase 1: Stabilise
**ETA**: Dec 4
- [ ] Fix the crash

### Phase 2: Harden
**Done by**: 11 décembre 2026
- [ ] Rotate the tokens

## Schedule

| Stage | Window | ETA |
| --- | --- | --- |
| Stage 3: Launch | 14–18 Dec | 2026-12-18 |
`;

const render = (doc: ProjectDocument, etas?: Record<string, string>) => renderReport('audit', { ...buildReportModel(doc), ...(etas ? { etas } : {}) }, 'md');

describe('ETAs in the author’s document', () => {
  it('reads the project’s, each phase’s and a schedule’s ETA as live values, not notes', () => {
    const parsed = parseAuditMarkdown(DOC);
    expect(parsed.notes).toEqual([]);
    expect(parsed.recognised.etas).toBe(4);
    expect(parsed.document.source?.slots.filter((s) => s.t === 't').map((s) => s.t === 't' && [s.k, s.w])).toEqual([
      [null, '2026-12-18'],
      ['phase-1', 'Dec 4'],
      ['phase-2', '11 décembre 2026'],
      ['phase-3', '2026-12-18'],
    ]);
  });

  it('unchanged (no forecast, or the forecast agrees): the original byte for byte', () => {
    const doc = parseAuditMarkdown(DOC).document;
    expect(render(doc)).toBe(DOC);
    expect(render(doc, { '': '2026-12-18', 'phase-1': '2026-12-04', 'phase-2': '2026-12-11', 'phase-3': '2026-12-18' })).toBe(DOC);
  });

  it('changed: each ETA becomes the forecast’s day, marked, written as the author writes dates', () => {
    const out = render(parseAuditMarkdown(DOC).document, { '': '2026-12-22', 'phase-1': '2026-12-09', 'phase-2': 'done', 'phase-3': '2026-12-22' });
    const before = DOC.split('\n');
    const after = out.split('\n');
    expect(after).toHaveLength(before.length);
    expect(after.flatMap((line, i) => (line === before[i] ? [] : [[before[i], line]]))).toEqual([
      ['**Target date**: 2026-12-18', '**Target date**: _live: 2026-12-22_'],
      ['**ETA**: Dec 4', '**ETA**: _live: Dec 9_'],
      ['**Done by**: 11 décembre 2026', '**Done by**: _live: done_'],
      ['| Stage 3: Launch | 14–18 Dec | 2026-12-18 |', '| Stage 3: Launch | 14–18 Dec | _live: 2026-12-22_ |'],
    ]);
  });

  it('a changed render reads back with the marked values as the ETAs, and renders the same again', () => {
    const etas = { '': '2026-12-22', 'phase-1': '2026-12-09', 'phase-2': 'done', 'phase-3': '2026-12-22' };
    const out = render(parseAuditMarkdown(DOC).document, etas);
    const back = parseAuditMarkdown(out);
    expect(back.notes).toEqual([]);
    expect(back.document.source?.slots.filter((s) => s.t === 't').map((s) => s.t === 't' && [s.k, s.w])).toEqual([
      [null, '2026-12-22'],
      ['phase-1', 'Dec 9'],
      ['phase-2', 'done'],
      ['phase-3', '2026-12-22'],
    ]);
    expect(render(back.document, etas)).toBe(out);
    // And back to the author's text once the forecast agrees with what was first written.
    expect(render(back.document, { '': '2026-12-18' })).toContain('**Target date**: _live: 2026-12-18_');
  });

  it('dates as people write them: ISO, English and French month names, with and without a year', () => {
    expect(['2026-12-18', 'Dec 18', 'Dec 18, 2026', '18 Dec 2026', '11 décembre 2026', '3 mars'].map((t) => parseEtaDay(t, 2026))).toEqual([
      '2026-12-18', '2026-12-18', '2026-12-18', '2026-12-18', '2026-12-11', '2026-03-03',
    ]);
    expect(parseEtaDay('next sprint')).toBeNull();
    expect(writeEtaLike('Dec 4', '2027-01-09')).toBe('Jan 9');
    expect(writeEtaLike('11 décembre 2026', '2027-01-09')).toBe('9 janvier 2027');
    expect(writeEtaLike('December 4, 2026', '2026-12-09')).toBe('December 9, 2026');
  });
});

describe.each(storeFactories())('the report’s ETAs come from the forecast on $name', (factory) => {
  const stores: Store[] = [];
  afterAll(async () => {
    for (const s of stores) await s.close();
  });

  it('a report writes the forecast’s p50 day for the project and each phase, and the summary says so', async () => {
    const store = await factory.open();
    stores.push(store);
    const result = await importMarkdown(store, DOC, { actor: 'test', projectKey: 'OR' });
    expect(describeImport('orca.md', result, false)).toContain('(4 ETAs kept live from the forecast, not stored)');
    const project = (await store.projects.get('OR'))!;
    // A week of history: one critical issue closed a day.
    const now = today();
    for (let n = 7; n >= 1; n--) {
      const counts = emptyCounts();
      counts.critical.backlog = 2 + n;
      counts.critical.resolved = 7 - n;
      await store.tracking.upsertSnapshot(project.id, { day: addDays(now, -n), at: `${addDays(now, -n)}T18:00:00.000Z`, counts });
    }
    const phases = result.parsed.document.phases;
    const etas = await forecastEtas(store, project, phases, now);
    expect(Object.keys(etas).sort()).toEqual(['', 'phase-1', 'phase-2', 'phase-3']);
    const out = await renderProjectReport(store, project, 'audit', 'md');
    for (const [key, day] of Object.entries(etas)) {
      const line = key === '' ? '**Target date**:' : key === 'phase-3' ? '| Stage 3: Launch | 14–18 Dec |' : key === 'phase-1' ? '**ETA**:' : '**Done by**:';
      const written = out.split('\n').find((l) => l.startsWith(line))!;
      const expected = key === 'phase-1' ? writeEtaLike('Dec 4', day) : key === 'phase-2' ? writeEtaLike('11 décembre 2026', day) : day;
      expect(written).toContain(['2026-12-18', 'Dec 4', '11 décembre 2026'].includes(expected) ? expected : `_live: ${expected}_`);
    }
  });
});
