// Live values in the author's headings and prose (issue 9, item 1): counts in headings ("Critical
// Issues (2)") and sentences ("2 critical issues remain", "1/3 issues resolved", "2/3 done"),
// header fields, phase state labels; and items added since the import in the section they belong
// to (item 3). Unchanged, the render is the original byte for byte; after one change the diff is
// exactly that change, marked `_live: …_`; and a re-import of the changed render reads it back.
import { describe, expect, it } from 'vitest';
import type { ProjectDocument } from '../../src/domain/document.js';
import { parseAuditMarkdown } from '../../src/documents/parse-audit-markdown.js';
import { renderReport } from '../../src/documents/render-report.js';
import { buildReportModel } from '../../src/documents/report-model.js';

const DOC = `# Atlas Launch Audit
**Owner**: Dana Reyes
**Status**: Triage

Today 2 critical issues remain, and 1/4 issues resolved.

## Critical Issues (2)

| ID | Issue | Status |
|----|-------|--------|
| A1 | Checkout crashes on empty cart | 🔄 IN PROGRESS |
| A2 | Tokens logged in plain text | 📋 PLANNED |

## Major Issues (1 open)

| ID | Issue | Status |
|----|-------|--------|
| M1 | Search is slow | 📋 PLANNED |
| M2 | Retry storm on outage | ✅ RESOLVED |

## Plan

### Phase 1: Stabilise ✅ Complete
- [x] Reproduce the crash
- [x] Add the regression test

### Phase 2: Harden 🔄 In progress

2/3 done so far.

- [x] Rotate the tokens
- [x] Scrub the logs
- [ ] Load test

### Phase 3: Launch (PENDING)
- [ ] Go/no-go review

## Release Gates
- [ ] Staging sign-off
- [x] Security review
`;

const parsed = () => parseAuditMarkdown(DOC).document;
const render = (doc: ProjectDocument) => renderReport('audit', buildReportModel(doc), 'md');

/** The lines that differ, as [before, after] pairs; added lines as [null, after]. */
function diff(before: string, after: string): Array<[string | null, string]> {
  const a = before.split('\n');
  const b = after.split('\n');
  const out: Array<[string | null, string]> = [];
  let i = 0;
  let j = 0;
  while (j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
    } else if (b[j + 1] !== undefined && a[i] === b[j + 1]) {
      out.push([null, b[j]!]);
      j++;
    } else {
      out.push([a[i] ?? null, b[j]!]);
      i++;
      j++;
    }
  }
  return out;
}

function changed(edit: (doc: ProjectDocument) => void): { out: string; lines: Array<[string | null, string]> } {
  const doc = parsed();
  edit(doc);
  const out = render(doc);
  return { out, lines: diff(DOC, out) };
}

describe('live values in headings, prose and the header', () => {
  it('an unchanged store renders the original byte for byte', () => {
    expect(render(parsed())).toBe(DOC);
  });

  it('a new critical issue: its row, the heading count, the sentence counts', () => {
    const { lines } = changed((d) => {
      d.issues.push({ ...d.issues[0]!, key: 'A3', title: 'Refunds double-charged', status: 'planned' });
    });
    expect(lines).toEqual([
      ['Today 2 critical issues remain, and 1/4 issues resolved.', 'Today _live: 3_ critical issues remain, and _live: 1/5_ issues resolved.'],
      ['## Critical Issues (2)', '## Critical Issues (_live: 3_)'],
      [null, '| A3 | Refunds double-charged | 📋 PLANNED |'],
    ]);
  });

  it('a resolved major issue: its status cell, the open count in its heading, the resolved count', () => {
    const { lines } = changed((d) => {
      d.issues.find((i) => i.key === 'M1')!.status = 'resolved';
    });
    expect(lines).toEqual([
      ['Today 2 critical issues remain, and 1/4 issues resolved.', 'Today 2 critical issues remain, and _live: 2/4_ issues resolved.'],
      ['## Major Issues (1 open)', '## Major Issues (_live: 0_ open)'],
      ['| M1 | Search is slow | 📋 PLANNED |', '| M1 | Search is slow | ✅ RESOLVED |'],
    ]);
  });

  it('a header field changed since: only its value', () => {
    const { lines } = changed((d) => {
      d.project.status = 'Fixing P1s';
      d.project.owner = 'Sam Ortiz';
    });
    expect(lines).toEqual([
      ['**Owner**: Dana Reyes', '**Owner**: _live: Sam Ortiz_'],
      ['**Status**: Triage', '**Status**: _live: Fixing P1s_'],
    ]);
  });

  it('a phase state changed since: its label, in the words the document uses for that state', () => {
    const { lines } = changed((d) => {
      d.phases.find((p) => p.key === 'phase-2')!.state = 'done';
      d.phases.find((p) => p.key === 'phase-3')!.state = 'active';
    });
    expect(lines).toEqual([
      ['### Phase 2: Harden 🔄 In progress', '### Phase 2: Harden _live: ✅ Complete_'],
      ['### Phase 3: Launch (PENDING)', '### Phase 3: Launch (_live: 🔄 In progress_)'],
    ]);
  });

  it('a task ticked since: its box and the "done" count above it', () => {
    const { lines } = changed((d) => {
      d.phases.find((p) => p.key === 'phase-2')!.items[2]!.done = true;
    });
    expect(lines).toEqual([
      ['2/3 done so far.', '_live: 3/3_ done so far.'],
      ['- [ ] Load test', '- [x] Load test'],
    ]);
  });

  it('a changed render reads back as the changed values, and renders the same again', () => {
    const doc = parsed();
    doc.project.status = 'Fixing P1s';
    doc.phases.find((p) => p.key === 'phase-3')!.state = 'active';
    doc.issues.find((i) => i.key === 'M1')!.status = 'resolved';
    doc.phases.find((p) => p.key === 'phase-2')!.items[2]!.done = true;
    const out = render(doc);
    const back = parseAuditMarkdown(out).document;
    expect(back.project.status).toBe('Fixing P1s');
    expect(back.phases.map((p) => [p.key, p.name, p.state])).toEqual([
      ['phase-1', 'Stabilise', 'done'],
      ['phase-2', 'Harden', 'active'],
      ['phase-3', 'Launch', 'active'],
    ]);
    expect(back.issues.find((i) => i.key === 'M1')?.status).toBe('resolved');
    expect(back.checklists.map((c) => c.title)).toEqual(['Release Gates']);
    expect(render(back)).toBe(out);
  });

  it('numbers that count nothing the store knows stay as written', () => {
    const text = DOC.replace('Today 2 critical issues remain', 'Today 7 critical issues remain');
    const doc = parseAuditMarkdown(text).document;
    doc.issues.push({ ...doc.issues[0]!, key: 'A3', title: 'New' });
    expect(render(doc)).toContain('Today 7 critical issues remain');
  });
});

describe('items added since the import appear in their section', () => {
  it('a task added to a phase: after that phase’s last task, in its list', () => {
    const { lines } = changed((d) => {
      d.phases.find((p) => p.key === 'phase-3')!.items.push({ text: 'Announce the launch', done: false, rule: null, doneBy: null, doneAt: null });
    });
    expect(lines).toEqual([[null, '- [ ] Announce the launch']]);
    expect(changed((d) => d.phases.find((p) => p.key === 'phase-3')!.items.push({ text: 'x', done: false, rule: null, doneBy: null, doneAt: null })).out).toContain('- [ ] Go/no-go review\n- [ ] x\n');
  });

  it('an item added to a checklist, with its live rule result', () => {
    const doc = parsed();
    doc.checklists[0]!.items.push({ text: '0 critical issues remaining', done: false, rule: 'issues.open(["critical"]) == 0', doneBy: null, doneAt: null });
    const out = renderReport('audit', buildReportModel(doc, { 'checklist:release-gates:2': { status: 'fail', reason: '2 open', manual: false } }), 'md');
    expect(diff(DOC, out)).toEqual([[null, '- [ ] 0 critical issues remaining · _live: ❌ fail — 2 open_']]);
    expect(out.endsWith('- [x] Security review\n- [ ] 0 critical issues remaining · _live: ❌ fail — 2 open_\n')).toBe(true);
  });
});
