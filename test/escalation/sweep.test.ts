// The sweep on both stores: each (issue, level, repeat) fires once, acknowledgements stop
// repeats, resolving closes, blocking pauses, a policy change reschedules, racing sweeps agree.
import { afterEach, describe, expect, it } from 'vitest';
import type { Project } from '../../src/domain/model.js';
import type { Store } from '../../src/domain/ports.js';
import { acknowledge, issueClocks, slaList, sweep } from '../../src/services/escalation.js';
import { transitionIssue } from '../../src/services/issues.js';
import { applyDocument } from '../../src/services/project-document.js';
import { parseAuditMarkdown } from '../../src/documents/parse-audit-markdown.js';
import { buildDocument, buildIssue } from '../support/builders.js';
import { openPostgresStore } from '../../src/store/postgres.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { storeFactories } from '../support/stores.js';
import { settingsFrom } from './settings.js';

const CREATED = '2026-11-23T09:00:00.000Z'; // a Monday
const at = (iso: string) => ({ now: new Date(iso) });

const SETTINGS = settingsFrom(`
escalation:
  levels:
    - { level: 1, after: 4h, severities: [critical], repeat: 1h }
    - { level: 2, after: 1d, severities: [critical, major] }
`);

describe.each(storeFactories())('the escalation sweep on $name', (factory) => {
  const open: Store[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });

  async function seeded(issues = [buildIssue({ key: 'B001', severity: 'critical', createdAt: CREATED }), buildIssue({ key: 'M001', severity: 'major', createdAt: CREATED }), buildIssue({ key: 'N001', severity: 'minor', createdAt: CREATED })]): Promise<{ store: Store; project: Project }> {
    const store = await factory.open();
    open.push(store);
    await applyDocument(store, buildDocument({ issues }), { actor: 'test' });
    const project = (await store.projects.get('TW'))!;
    return { store, project };
  }

  it('fires each level once when it is due, never twice, and logs it', async () => {
    const { store, project } = await seeded();
    expect((await sweep(store, project, SETTINGS, at('2026-11-23T12:00:00Z'))).escalated).toEqual([]);
    const first = await sweep(store, project, SETTINGS, at('2026-11-23T13:30:00Z'));
    expect(first.escalated.map((e) => [e.issue, e.level, e.repeat, e.fired])).toEqual([['B001', 1, 0, true]]);
    expect(first.escalated[0]!.reason).toBe("open 4h 30m of wall-clock time since creation; level 1's window is 4h");
    // The next sweep looks at nothing: B001's next look is scheduled for its first reminder.
    const again = await sweep(store, project, SETTINGS, at('2026-11-23T13:40:00Z'));
    expect(again).toMatchObject({ examined: 0, escalated: [] });
    const next = await sweep(store, project, SETTINGS, at('2026-11-24T09:30:00Z'));
    expect(next.escalated.map((e) => [e.issue, e.level, e.repeat])).toEqual([['B001', 2, 0], ['M001', 2, 0]]);
    const events = await store.events.list(project.id, { entityKey: 'B001' });
    expect(events.filter((e) => e.action === 'escalation.fired').map((e) => e.data.level)).toEqual([1, 2]);
  });

  it('repeats until acknowledged; the acknowledgement is in the log and stops the repeats', async () => {
    const settings = settingsFrom(`escalation: { levels: [ { level: 1, after: 1h, repeat: 30m } ] }`);
    const { store, project } = await seeded([buildIssue({ key: 'B001', severity: 'critical', createdAt: CREATED })]);
    await sweep(store, project, settings, at('2026-11-23T10:05:00Z'));
    const r1 = await sweep(store, project, settings, at('2026-11-23T10:31:00Z'));
    expect(r1.escalated.map((e) => [e.level, e.repeat])).toEqual([[1, 1]]);
    await acknowledge(store, project, 'B001', 1, { actor: 'Ann', at: '2026-11-23T10:40:00.000Z' });
    expect((await sweep(store, project, settings, at('2026-11-23T12:00:00Z'))).escalated).toEqual([]);
    const log = await store.events.list(project.id, { entityKey: 'B001' });
    expect(log.find((e) => e.action === 'escalation.acknowledged')).toMatchObject({ actor: 'Ann', data: { levels: [1] } });
    await expect(acknowledge(store, project, 'B001', null, { actor: 'Ann' })).rejects.toThrow(/no escalation waiting/);
    await expect(acknowledge(store, project, 'NOPE', null, { actor: 'Ann' })).rejects.toThrow(/no issue "NOPE"/);
  });

  it('resolving an issue closes its open escalations and stops its clock', async () => {
    const { store, project } = await seeded();
    await sweep(store, project, SETTINGS, at('2026-11-23T14:00:00Z'));
    await transitionIssue(store, project, 'B001', 'resolve', { actor: 'Ann' });
    const list = await store.escalations.list(project.id, { issueKey: 'B001' });
    expect(list).toHaveLength(1);
    expect(list[0]!.closedAt).not.toBeNull();
    expect((await sweep(store, project, SETTINGS, at('2026-11-30T00:00:00Z'))).escalated.map((e) => e.issue)).toEqual(['M001']);
  });

  it('pauses while blocked: the breach moves by the blocked time', async () => {
    const { store, project } = await seeded([buildIssue({ key: 'B001', severity: 'critical', createdAt: CREATED })]);
    await transitionIssue(store, project, 'B001', 'block', { actor: 'Ann', at: '2026-11-23T10:00:00.000Z' });
    expect((await sweep(store, project, SETTINGS, at('2026-11-23T20:00:00Z'))).escalated).toEqual([]);
    await transitionIssue(store, project, 'B001', 'start', { actor: 'Ann', at: '2026-11-23T12:00:00.000Z' });
    const clocks = await issueClocks(store, project, 'B001', SETTINGS, new Date('2026-11-23T13:00:00Z'));
    expect(clocks.clocks[0]).toMatchObject({ level: 1, elapsedMinutes: 120, breachAt: '2026-11-23T15:00:00.000Z', paused: false });
  });

  it('reschedules every open issue when the policy changes', async () => {
    const { store, project } = await seeded();
    await sweep(store, project, SETTINGS, at('2026-11-23T10:00:00Z'));
    const tighter = settingsFrom(`escalation: { levels: [ { level: 1, after: 30m } ] }`);
    const dry = await sweep(store, project, tighter, { ...at('2026-11-23T10:00:00Z'), dryRun: true });
    expect(dry.escalated.map((e) => e.issue).sort()).toEqual(['B001', 'M001', 'N001']);
    expect(await store.escalations.list(project.id)).toEqual([]);
    const real = await sweep(store, project, tighter, at('2026-11-23T10:00:00Z'));
    expect(real.escalated.map((e) => e.issue).sort()).toEqual(['B001', 'M001', 'N001']);
  });

  it('lists open issues by time to breach, overdue first', async () => {
    const { store, project } = await seeded();
    await sweep(store, project, SETTINGS, at('2026-11-23T14:00:00Z'));
    const rows = await slaList(store, project, SETTINGS, { limit: 10, now: new Date('2026-11-23T14:00:00Z') });
    expect(rows.map((r) => [r.key, r.level, Math.round(r.leftMinutes)])).toEqual([['B001', 1, -60], ['M001', 2, 1140]]);
  });

  it('counts business hours when the document says so ("24 business hours"), wall-clock when it does not', async () => {
    const { document } = parseAuditMarkdown(
      '# P\n\n## Escalation\n\n### Level 1 (24 business hours): critical deployment blockers\n- Contact: Lead Developer\n\n### Level 2 (1 week): critical and major issues\n- Contact: CTO\n',
    );
    const store = await factory.open();
    open.push(store);
    await applyDocument(store, buildDocument({ issues: [buildIssue({ key: 'B001', severity: 'critical', createdAt: CREATED })], escalation: document.escalation }), { actor: 'test' });
    const project = (await store.projects.get('TW'))!;
    expect((await store.sections.load(project.id)).escalation.map((l) => [l.level, l.afterMinutes, l.businessHours])).toEqual([[1, 1_440, true], [2, 10_080, false]]);
    const none = settingsFrom('timezone: UTC\n');
    // Monday 09:00 + 24 working hours (09:00–17:00) = Wednesday 17:00, not Tuesday 09:00.
    expect((await sweep(store, project, none, at('2026-11-24T10:00:00Z'))).escalated).toEqual([]);
    expect((await sweep(store, project, none, at('2026-11-25T16:00:00Z'))).escalated).toEqual([]);
    expect((await sweep(store, project, none, at('2026-11-26T09:30:00Z'))).escalated.map((e) => e.level)).toEqual([1]);
    // Level 2 is a wall-clock week: Monday 09:00 + 7 days.
    expect((await sweep(store, project, none, at('2026-11-30T09:30:00Z'))).escalated.map((e) => e.level)).toEqual([2]);
  });

  it('fires in batches: more firings than one statement holds, each once, with its deliveries and event', async () => {
    // 700 issues × 2 levels = 1,400 firings: three statements of at most 500 rows each, one transaction.
    const settings = settingsFrom(`
escalation:
  channels: { hook: { kind: slack, url: "http://127.0.0.1:9/x" } }
  levels:
    - { level: 1, after: 4h, channels: [hook] }
    - { level: 2, after: 1d, channels: [hook] }
`);
    const issues = Array.from({ length: 700 }, (_, i) => buildIssue({ key: `B${i}`, severity: 'critical', createdAt: CREATED }));
    const { store, project } = await seeded(issues);
    const first = await sweep(store, project, settings, at('2026-11-24T10:00:00Z'));
    expect(first.escalated.filter((e) => e.fired)).toHaveLength(1_400);
    const list = await store.escalations.list(project.id, { limit: 10_000 });
    expect(new Set(list.map((e) => `${e.issueKey}:${e.level}:${e.repeat}`)).size).toBe(1_400);
    expect(list.every((e) => e.deliveries.length === 1 && e.deliveries[0]!.channel === 'hook')).toBe(true);
    const fired = (await store.events.list(project.id, { limit: 10_000 })).filter((e) => e.action === 'escalation.fired');
    expect(fired).toHaveLength(1_400);
    // Every issue is scheduled (no more due), so the next sweep looks at none and fires none.
    expect(await sweep(store, project, settings, at('2026-11-24T10:01:00Z'))).toMatchObject({ examined: 0, escalated: [] });
    // Firing rows that exist answers none of them: the unique key, not luck.
    const again = await store.write((tx) => tx.escalations.fire(project.id, list.slice(0, 3).map(({ issueId, issueKey, level, repeat, dueAt, firedAt, reason }) => ({ issueId, issueKey, level, repeat, dueAt, firedAt, reason }))));
    expect(again.size).toBe(0);
  });

  it('schedules in batches, but never over an edit made after the plan (its version moved)', async () => {
    const { store, project } = await seeded();
    const [b, m] = await Promise.all([store.escalations.issue(project.id, 'B001'), store.escalations.issue(project.id, 'M001')]);
    await transitionIssue(store, project, 'M001', 'start', { actor: 'Ann' });
    const done = await store.write((tx) =>
      tx.escalations.scheduleMany([
        { issueId: b!.id, version: b!.version, nextAt: '2026-12-01T00:00:00.000Z' },
        { issueId: m!.id, version: m!.version, nextAt: null },
      ]),
    );
    expect([...done]).toEqual([b!.id]);
    const due = await store.escalations.candidates(project.id, '2026-11-30T00:00:00.000Z', 10);
    // M001 stays marked for a fresh look; B001 is scheduled for December.
    expect(due.map((i) => i.key)).toContain('M001');
    expect(due.map((i) => i.key)).not.toContain('B001');
  });

  // SQLite's race is between processes (test/escalation/cli.test.ts): two connections in one
  // process would block each other's thread on the file lock.
  it.runIf(factory.name === 'postgres')('two sweeps racing over the same issues fire each escalation exactly once', async () => {
    const issues = Array.from({ length: 60 }, (_, i) => buildIssue({ key: `B${i}`, severity: 'critical', createdAt: CREATED }));
    const { store, project } = await seeded(issues);
    const other = factory.name === 'sqlite' ? await openSqliteStore(factory.lastLocation()) : await openPostgresStore(factory.lastLocation(), { poolSize: 4 });
    open.push(other);
    const [a, b] = await Promise.all([
      sweep(store, project, SETTINGS, at('2026-11-24T10:00:00Z')),
      sweep(other, project, SETTINGS, at('2026-11-24T10:00:00Z')),
    ]);
    const won = [...a.escalated, ...b.escalated].filter((e) => e.fired);
    expect(won).toHaveLength(120);
    expect(new Set(won.map((e) => `${e.issue}:${e.level}:${e.repeat}`)).size).toBe(120);
    expect(await store.escalations.list(project.id, { limit: 10_000 })).toHaveLength(120);
  });
});
