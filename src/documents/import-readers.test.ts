import { describe, expect, it } from 'vitest';
import { formatLevelWindow, formatWindow, parseWindow, readLevel, readWindow, splitContacts } from './import-escalation.js';
import { titleAndEstimate } from './import-actions.js';
import { readPhaseHeading } from './import-phases.js';
import { readSeverityCell, readStatusCell } from './import-register.js';
import { headingSeverity } from './import-sections.js';
import { esc, escStart } from './markdown-write.js';
import { parseAuditMarkdown } from './parse-audit-markdown.js';

describe('section readers', () => {
  it('reads phase headings in the forms people write', () => {
    expect(readPhaseHeading('Phase 1: Blockers (ACTIVE)')).toEqual({ number: '1', name: 'Blockers', label: 'ACTIVE', state: 'active', window: null });
    expect(readPhaseHeading('PHASE 2: CORRECTNESS')).toMatchObject({ number: '2', name: 'CORRECTNESS', label: null, state: 'planned' });
    expect(readPhaseHeading('Week 3-4: Hardening (FINAL)')).toMatchObject({ window: 'Week 3-4', name: 'Hardening', label: 'FINAL', state: 'planned' });
    expect(readPhaseHeading('Day 1-3')).toMatchObject({ window: 'Day 1-3', name: 'Day 1-3' });
    expect(readPhaseHeading('Phase 3 (Week 5) (DONE)')).toMatchObject({ number: '3', window: 'Week 5', state: 'done', name: 'Phase 3' });
  });

  it('reads severities from heading words, priorities and colour emoji', () => {
    expect(headingSeverity('🔴 BLOCKERS (Priority 1)', 'BLOCKERS (Priority 1)')).toBe('critical');
    expect(headingSeverity('P2', 'P2')).toBe('major');
    expect(headingSeverity('Priority 3', 'Priority 3')).toBe('medium');
    expect(headingSeverity('LOW', 'LOW')).toBe('minor');
    expect(headingSeverity('🟠 Things', 'Things')).toBe('major');
    expect(headingSeverity('Plan', 'Plan')).toBeNull();
  });

  it('reads status and severity cells', () => {
    expect(readStatusCell('🔄 IN PROGRESS')).toBe('in_progress');
    expect(readStatusCell('⛔ BLOCKED')).toBe('blocked');
    expect(readStatusCell('✅')).toBe('resolved');
    expect(readStatusCell("won't fix")).toBe('wont_fix');
    expect(readStatusCell('sometime')).toBeNull();
    expect(readSeverityCell('P1')).toBe('critical');
    expect(readSeverityCell('🟢 Low')).toBe('minor');
  });

  it('reads escalation windows as wall-clock time', () => {
    expect(parseWindow('4 hours')).toBe(240);
    expect(parseWindow('3 days')).toBe(4320);
    expect(parseWindow('1 week')).toBe(10080);
    expect(parseWindow('soon')).toBeNull();
    expect([240, 1440, 4320, 10080, 45].map(formatWindow)).toEqual(['4 hours', '24 hours', '3 days', '1 week', '45 minutes']);
    expect(readLevel('Level 2 (24 hours): Major issues')).toMatchObject({ level: 2, afterMinutes: 1440, scope: 'Major issues', severities: ['major'] });
    expect(splitContacts('Platform Lead + on-call engineer, CTO')).toEqual(['Platform Lead', 'on-call engineer', 'CTO']);
  });

  it('reads business or working time from the wording, and wall-clock time otherwise', () => {
    const cases: Array<[string, { minutes: number; business: boolean } | null]> = [
      ['24 business hours', { minutes: 1_440, business: true }],
      ['within 2 business days', { minutes: 960, business: true }],
      ['4 working hours', { minutes: 240, business: true }],
      ['1 business week', { minutes: 2_400, business: true }],
      ['up to 8 work hours', { minutes: 480, business: true }],
      ['24h (business hours)', { minutes: 1_440, business: true }],
      ['3 days of working time', { minutes: 1_440, business: true }],
      ['1 week', { minutes: 10_080, business: false }],
      ['within 48 hours', { minutes: 2_880, business: false }],
      ['2 days, wall-clock', { minutes: 2_880, business: false }],
      ['30m', { minutes: 30, business: false }],
      ['24 hours after the release', null],
      ['ASAP', null],
    ];
    for (const [text, want] of cases) expect([text, readWindow(text)]).toEqual([text, want]);
    expect(readLevel('Level 1 (24 business hours): critical deployment blockers')).toMatchObject({ afterMinutes: 1_440, businessHours: true, severities: ['critical'] });
    expect(readLevel('Level 3 (1 week): everything else')).toMatchObject({ afterMinutes: 10_080, businessHours: false });
    // What a report writes back reads the same again.
    for (const [minutes, business] of [[1_440, true], [90, true], [10_080, false], [45, false]] as const) {
      expect(readWindow(formatLevelWindow(minutes, business))).toEqual({ minutes, business });
    }
  });

  it('splits an action title from its estimate only when it is one', () => {
    expect(titleAndEstimate('Migration Test Database (3 hours)')).toEqual({ title: 'Migration Test Database', estimateMinutes: 180 });
    expect(titleAndEstimate('Fix the (old) parser')).toEqual({ title: 'Fix the (old) parser', estimateMinutes: null });
  });
});

describe('escaping', () => {
  it('keeps list markers and headings at the start of an item literal', () => {
    const texts = ['- dash', '1. one', '# hash', '+ plus', '2) two', 'a_b*c', '`tick`', 'x & y <z>', '>quote', '_lead', 'AT&T &amp; co', '~~gone~~', 'ends with #'];
    const md = `## Checklist\n\n${texts.map((t) => `- [ ] ${escStart(t)}`).join('\n')}\n`;
    const items = parseAuditMarkdown(md).document.checklists[0]!.items.map((i) => i.text);
    expect(items).toEqual(texts);
    expect(esc('plain text stays plain')).toBe('plain text stays plain');
  });
});
