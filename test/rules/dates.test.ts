// Dates in, and "today": an impossible day is refused wherever a date enters; snapshots and
// standups take their day from the project's time zone; standup and report standup agree.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dayIn, parseDay, parseInstant } from '../../src/domain/dates.js';
import { cliWithStore } from '../support/cli.js';
import { BIN } from '../support/paths.js';

describe('dates that enter punchlist', () => {
  it('refuses impossible days with the reason, and reads real ones', () => {
    expect(parseDay('2028-02-29', '--date')).toBe('2028-02-29');
    expect(() => parseDay('2026-02-30', '--date')).toThrow('--date: "2026-02-30" is not a day: 2026-02 has 28 days, not 30');
    expect(() => parseDay('2026-13-01', '--date')).toThrow('there is no month 13');
    expect(() => parseDay('monday', '--date')).toThrow('is not a day like 2026-11-20');
    expect(parseInstant('2026-11-20', '--at')).toBe('2026-11-20T12:00:00.000Z');
    expect(parseInstant('2026-11-20T09:30:00+01:00', '--at')).toBe('2026-11-20T08:30:00.000Z');
    expect(() => parseInstant('2026-02-30T10:00:00Z', '--at')).toThrow('2026-02 has 28 days, not 30');
  });

  it('refuses them on the CLI with one line and exit 2, writing nothing', async () => {
    const { run } = cliWithStore();
    await run('init', '--key', 'TW', '--name', 'Tidewater');
    for (const args of [
      ['standup', '--date', '2026-02-30'],
      ['kpi', 'record', 'uptime', '99', '--at', '2026-02-30'],
      ['kpi', 'record', 'uptime', '99', '--at', '2026-02-30T10:00:00Z'],
      ['issue', 'add', 'Late', '--severity', 'minor', '--due', '2026-02-30'],
    ]) {
      const r = await run(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
    expect((await run('standup', '--date', '2026-02-30')).stderr).toBe('punchlist: --date: "2026-02-30" is not a day: 2026-02 has 28 days, not 30\n');
    expect((await run('--json', 'kpi', 'history', 'uptime')).json()).toEqual([]);
    expect((await run('--json', 'issue', 'list')).json()).toEqual([]);
  });
});

describe('dates in imported documents go through the same reader', () => {
  const reason = '"2026-02-30" is not a day: 2026-02 has 28 days, not 30';
  const instantReason = '"2026-02-30T10:00:00Z" is not a day: 2026-02 has 28 days, not 30';
  const issue = (fields: string) => `{"key": "TW-1", "title": "Late", "severity": "minor"${fields}}`;
  const json = (fields: string, more = '') => `{"version": 1, "project": {"key": "TW", "name": "Tidewater"}, "issues": [${issue(fields)}]${more}}`;

  it.each([
    ['a JSON due date', 'doc.json', json(', "dueDate": "2026-02-30"'), `document.issues[0].dueDate: ${reason}`],
    ['a JSON time', 'doc.json', json(', "createdAt": "2026-02-30T10:00:00Z"'), `document.issues[0].createdAt: ${instantReason}`],
    ['a JSON KPI value time', 'doc.json', json('', ', "kpis": [{"key": "up", "name": "Uptime", "unit": "%", "target": 99, "comparator": ">=", "values": [{"value": 1, "at": "2026-02-30T10:00:00Z"}]}]'), `document.kpis[0].values[0].at: ${instantReason}`],
    ['a YAML due date (unquoted)', 'doc.yaml', 'version: 1\nproject: {key: TW, name: Tidewater}\nissues:\n  - {key: TW-1, title: Late, severity: minor, dueDate: 2026-02-30}\n', `document.issues[0].dueDate: ${reason}`],
    ['a YAML comment time', 'doc.yaml', 'version: 1\nproject: {key: TW, name: Tidewater}\nissues:\n  - key: TW-1\n    title: Late\n    severity: minor\n    comments: [{author: a, body: b, at: "2026-02-30T10:00:00Z"}]\n', `document.issues[0].comments[0].at: ${instantReason}`],
    ['a Markdown due column', 'audit.md', '# Tidewater audit\n\n## Issues\n\n| ID | Severity | Title | Due |\n|---|---|---|---|\n| TW-1 | minor | Late | 2026-02-30 |\n', `audit.md: line 7: Due: ${reason}`],
  ])('%s that does not exist is refused as on the CLI: one line, exit 2, nothing written', async (_what, name, text, message) => {
    const { run } = cliWithStore();
    await run('init', '--key', 'TW', '--name', 'Tidewater');
    const file = join(mkdtempSync(join(tmpdir(), 'punchlist-dates-')), name);
    writeFileSync(file, text);
    const r = await run('import', file);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(message);
    expect((await run('--json', 'issue', 'list')).json()).toEqual([]);
  });

  it('the CLI says the same for the same day', async () => {
    const { run } = cliWithStore();
    await run('init', '--key', 'TW', '--name', 'Tidewater');
    expect((await run('standup', '--date', '2026-02-30')).stderr).toBe(`punchlist: --date: ${reason}\n`);
    expect((await run('issue', 'add', 'Late', '--severity', 'minor', '--due', '2026-02-30')).stderr).toBe(`punchlist: dueDate: ${reason}\n`);
  });

  it('a Markdown due cell that is not written as a day is still kept as that column', async () => {
    const { run } = cliWithStore();
    const file = join(mkdtempSync(join(tmpdir(), 'punchlist-dates-')), 'audit.md');
    writeFileSync(file, '# Tidewater audit\n\n## Issues\n\n| ID | Severity | Title | Due |\n|---|---|---|---|\n| TW-1 | minor | Late | next sprint |\n| TW-2 | minor | Soon | 2028-02-29 |\n');
    expect((await run('import', file)).code).toBe(0);
    const issues = (await run('--json', 'issue', 'list')).json<Array<{ key: string; dueDate: string | null }>>();
    expect(issues.map((i) => [i.key, i.dueDate])).toEqual([['TW-1', null], ['TW-2', '2028-02-29']]);
  });
});

describe("today is a day of the project's time zone", () => {
  const snapshotDay = (timezone: string): string => {
    const dir = mkdtempSync(join(tmpdir(), 'punchlist-tz-'));
    writeFileSync(join(dir, 'punchlist.yaml'), `timezone: ${timezone}\n`);
    const run = (...args: string[]): string => execFileSync(process.execPath, [BIN, '--as', 'tz', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, PUNCHLIST_DB: join(dir, 'p.db') } });
    run('init', '--key', 'TZ', '--name', 'Zones');
    const snapshot = JSON.parse(run('--json', 'snapshot')) as { day: string };
    const standup = JSON.parse(run('--json', 'standup')) as { date: string };
    expect(standup.date).toBe(snapshot.day);
    return snapshot.day;
  };

  it('takes snapshots and standups on the zone’s day (UTC+14 and UTC-12 are never on the same day)', () => {
    const east = snapshotDay('Pacific/Kiritimati');
    const west = snapshotDay('Etc/GMT+12');
    expect(east).not.toBe(west);
    // The CLI's day is the zone's day now (a run across midnight in the zone is the only way this can differ).
    expect([dayIn(new Date(), 'Pacific/Kiritimati'), dayIn(new Date(Date.now() - 60_000), 'Pacific/Kiritimati')]).toContain(east);
    expect([dayIn(new Date(), 'Etc/GMT+12'), dayIn(new Date(Date.now() - 60_000), 'Etc/GMT+12')]).toContain(west);
  });
});

describe('standup and report standup', () => {
  it('agree on what completed means: closed (resolved or won’t fix) out of the tier', async () => {
    const { run } = cliWithStore();
    await run('init', '--key', 'TW', '--name', 'Tidewater');
    for (const t of ['a', 'b', 'c']) await run('issue', 'add', `Blocker ${t}`, '--severity', 'critical');
    await run('issue', 'add', 'Major one', '--severity', 'major');
    await run('issue', 'resolve', 'TW-1');
    await run('issue', 'wontfix', 'TW-2', '--reason', 'not needed');
    const standup = (await run('--json', 'standup')).json<{ tiers: { severity: string; completed: number; total: number }[] }>();
    const report = (await run('report', 'standup', '--format', 'json')).json<{ tiers: { severity: string; completed: number; total: number }[] }>();
    const figures = (tiers: { severity: string; completed: number; total: number }[]) => tiers.map((t) => [t.severity, t.completed, t.total]);
    expect(figures(standup.tiers)).toEqual([
      ['critical', 2, 3],
      ['major', 0, 1],
      ['medium', 0, 0],
      ['minor', 0, 0],
    ]);
    expect(figures(report.tiers)).toEqual(figures(standup.tiers));
    expect((await run('standup')).stdout).toMatch(/Critical\s+2\/3\s/);
  });
});
