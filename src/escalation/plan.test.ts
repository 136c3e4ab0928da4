import { describe, expect, it } from 'vitest';
import { LEVEL_POLICY_DEFAULTS } from '../domain/document.js';
import type { Calendar } from './calendar.js';
import { blockedPeriods, type ClockIssue, planIssue } from './plan.js';
import { effectiveLevels, inScope, type Level, type Policy, policyHash } from './policy.js';

const calendar: Calendar = { timeZone: 'UTC', days: [1, 2, 3, 4, 5], hours: [[540, 1020]], holidays: new Set() };
const level = (n: number, afterMinutes: number | null, extra: Partial<Level> = {}): Level => ({
  level: n,
  afterMinutes,
  scope: null,
  severities: [],
  contacts: [],
  resolution: null,
  ...LEVEL_POLICY_DEFAULTS,
  phases: [],
  labels: [],
  owners: [],
  channels: [],
  ...extra,
});
const policy = (levels: Level[], extra: Partial<Policy> = {}): Policy => ({ levels, calendar, pauseWhileBlocked: true, clockStart: 'due', ...extra });
const issue = (extra: Partial<ClockIssue> = {}): ClockIssue => ({
  key: 'B001',
  severity: 'critical',
  status: 'backlog',
  phase: null,
  labels: [],
  owner: null,
  createdAt: '2026-11-23T10:00:00.000Z', // a Monday
  dueDate: null,
  estimateMinutes: null,
  resolvedAt: null,
  ...extra,
});
const ms = (iso: string): number => Date.parse(iso);

describe('planning one issue', () => {
  it('fires each breached level once and schedules the next one', () => {
    const p = policy([level(1, 240), level(2, 1440)]);
    const early = planIssue(issue(), [], p, [], ms('2026-11-23T13:00:00Z'));
    expect(early.fire).toEqual([]);
    expect(early.nextAt).toBe('2026-11-23T14:00:00.000Z');
    expect(early.clocks[0]).toMatchObject({ level: 1, leftMinutes: 60, breached: false });

    const late = planIssue(issue(), [], p, [], ms('2026-11-23T15:00:00Z'));
    expect(late.fire).toEqual([
      { level: 1, repeat: 0, dueAt: '2026-11-23T14:00:00.000Z', reason: "open 5h of wall-clock time since creation; level 1's window is 4h" },
    ]);
    expect(late.nextAt).toBe('2026-11-24T10:00:00.000Z');
    // Already fired: nothing again.
    expect(planIssue(issue(), [], p, [{ level: 1, repeat: 0, ackedAt: null }], ms('2026-11-23T15:00:00Z')).fire).toEqual([]);
  });

  it('fires every level a late first look finds breached', () => {
    const plan = planIssue(issue(), [], policy([level(1, 60), level(2, 120)]), [], ms('2026-11-24T00:00:00Z'));
    expect(plan.fire.map((f) => [f.level, f.repeat])).toEqual([[1, 0], [2, 0]]);
  });

  it('repeats the highest breached level until it is acknowledged, skipping missed repeats', () => {
    const p = policy([level(1, 60, { repeatMinutes: 30 })]);
    const fired = [{ level: 1, repeat: 0, ackedAt: null }];
    const plan = planIssue(issue(), [], p, fired, ms('2026-11-23T12:10:00Z'));
    expect(plan.fire.map((f) => [f.level, f.repeat, f.dueAt])).toEqual([[1, 2, '2026-11-23T12:00:00.000Z']]);
    expect(plan.nextAt).toBe('2026-11-23T12:30:00.000Z');
    const acked = planIssue(issue(), [], p, [{ level: 1, repeat: 0, ackedAt: '2026-11-23T11:05:00Z' }], ms('2026-11-23T12:10:00Z'));
    expect(acked.fire).toEqual([]);
    expect(acked.nextAt).toBeNull();
    expect(acked.clocks[0]?.acknowledged).toBe(true);
  });

  it('pauses while blocked when configured, and not otherwise', () => {
    const history = [
      { at: '2026-11-23T10:00:00.000Z', status: 'backlog' as const },
      { at: '2026-11-23T11:00:00.000Z', status: 'blocked' as const },
      { at: '2026-11-23T13:00:00.000Z', status: 'in_progress' as const },
    ];
    const open = issue({ status: 'in_progress' });
    const paused = planIssue(open, history, policy([level(1, 240)]), [], ms('2026-11-23T13:30:00Z'));
    expect(paused.clocks[0]).toMatchObject({ elapsedMinutes: 90, breachAt: '2026-11-23T16:00:00.000Z' });
    const counting = planIssue(open, history, policy([level(1, 240)], { pauseWhileBlocked: false }), [], ms('2026-11-23T13:30:00Z'));
    expect(counting.clocks[0]).toMatchObject({ elapsedMinutes: 210, breachAt: '2026-11-23T14:00:00.000Z' });
    // Still blocked: nothing to schedule until it changes.
    const blocked = planIssue(issue({ status: 'blocked' }), history.slice(0, 2), policy([level(1, 240)]), [], ms('2026-11-24T00:00:00Z'));
    expect(blocked).toMatchObject({ fire: [], nextAt: null });
    expect(blocked.clocks[0]?.paused).toBe(true);
  });

  it('an issue imported as blocked, with no history, is paused since creation', () => {
    expect(blockedPeriods(issue({ status: 'blocked' }), [])).toEqual([[ms('2026-11-23T10:00:00.000Z'), null]]);
  });

  it('starts the clock at the end of the due date, else after the ETA, unless told to start at creation', () => {
    const p = policy([level(1, 60)]);
    expect(planIssue(issue({ dueDate: '2026-11-25' }), [], p, [], ms('2026-11-24T00:00:00Z')).clocks[0]?.startAt).toBe('2026-11-26T00:00:00.000Z');
    expect(planIssue(issue({ estimateMinutes: 120 }), [], p, [], ms('2026-11-24T00:00:00Z')).clocks[0]?.startAt).toBe('2026-11-23T12:00:00.000Z');
    const created = policy([level(1, 60)], { clockStart: 'created' });
    expect(planIssue(issue({ dueDate: '2026-11-25' }), [], created, [], ms('2026-11-24T00:00:00Z')).clocks[0]?.startAt).toBe('2026-11-23T10:00:00.000Z');
  });

  it('counts business hours on the calendar when the level says so', () => {
    const p = policy([level(1, 8 * 60, { businessHours: true })]);
    const plan = planIssue(issue({ createdAt: '2026-11-27T15:00:00.000Z' }), [], p, [], ms('2026-11-28T12:00:00Z')); // Friday 15:00
    expect(plan.clocks[0]).toMatchObject({ breachAt: '2026-11-30T15:00:00.000Z', elapsedMinutes: 120, breached: false });
  });

  it('stops at resolve: a closed issue fires nothing and schedules nothing', () => {
    const closed = issue({ status: 'resolved', resolvedAt: '2026-11-23T11:00:00.000Z' });
    const plan = planIssue(closed, [], policy([level(1, 60)]), [], ms('2026-11-30T00:00:00Z'));
    expect(plan).toMatchObject({ fire: [], nextAt: null });
    expect(plan.clocks[0]).toMatchObject({ elapsedMinutes: 60, breached: true });
  });

  it('applies a level only to issues in its scope; a path level without a window never fires', () => {
    const l = level(1, 60, { severities: ['critical'], phases: ['p1'], labels: ['API'], owners: ['ann'] });
    expect(inScope(l, { severity: 'critical', phase: 'p1', labels: ['api', 'x'], owner: 'Ann' })).toBe(true);
    expect(inScope(l, { severity: 'major', phase: 'p1', labels: ['api'], owner: 'Ann' })).toBe(false);
    expect(inScope(l, { severity: 'critical', phase: null, labels: ['api'], owner: 'Ann' })).toBe(false);
    expect(inScope(l, { severity: 'critical', phase: 'p1', labels: [], owner: 'Ann' })).toBe(false);
    expect(inScope(l, { severity: 'critical', phase: 'p1', labels: ['api'], owner: 'Bob' })).toBe(false);
    expect(planIssue(issue(), [], policy([level(1, null)]), [], ms('2026-12-30T00:00:00Z'))).toEqual({ clocks: [], fire: [], nextAt: null });
  });
});

describe('the policy', () => {
  it('lays punchlist.yaml over the document level by level, with default channels for levels that name none', () => {
    const levels = effectiveLevels(
      [level(1, 1440, { contacts: ['Lead Developer'] }), level(2, 2880)],
      [{ level: 1, after: 240, channels: ['ops'] }, { level: 3, after: 10080, businessHours: false }],
      { businessHours: true, defaultChannels: ['mail'] },
    );
    expect(levels.map((l) => [l.level, l.afterMinutes, l.businessHours, l.contacts, l.channels])).toEqual([
      [1, 240, true, ['Lead Developer'], ['ops']],
      [2, 2880, true, [], ['mail']],
      [3, 10080, false, [], ['mail']],
    ]);
  });

  it('hashes what decides deadlines, not who is told', () => {
    const a = policy([level(1, 60)]);
    expect(policyHash(a)).toBe(policyHash(policy([level(1, 60, { contacts: ['x'], channels: ['y'] })])));
    expect(policyHash(a)).not.toBe(policyHash(policy([level(1, 61)])));
    expect(policyHash(a)).not.toBe(policyHash({ ...a, calendar: { ...calendar, holidays: new Set(['2026-12-25']) } }));
  });
});
