// The escalation commands as users run them, and several `escalate` processes racing on one
// SQLite store: each (issue, level, repeat) fires once, enforced by the store, not by luck.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cliWithStore } from '../support/cli.js';
import { BIN } from '../support/paths.js';

function punchlist(cwd: string, db: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, '--db', db, '--as', 'proc', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

const CONFIG = `
timezone: Europe/Berlin
escalation:
  levels:
    - { level: 1, after: 4h, severities: [critical], repeat: 1h }
    - { level: 2, after: 1d }
`;

describe('escalate from the command line', () => {
  it('sweeps, acknowledges, lists by time to breach and shows the clock on the issue', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'punchlist-esc-'));
    writeFileSync(join(dir, 'punchlist.yaml'), CONFIG);
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const { run } = cliWithStore(join(dir, 'p.db'));
      await run('init', '--key', 'TW');
      await run('issue', 'add', 'Checkout fails', '--severity', 'critical', '--key', 'B001');
      const dry = await run('escalate', '--dry-run', '--at', '2099-01-01T00:00:00Z');
      expect(dry.stdout).toMatch(/^Would escalate B001 \(Critical\) to level 1: open .* level 1's window is 4h \(no channel\)$/m);
      expect((await run('escalations')).stdout).toBe('Nothing has escalated.\n');
      const real = await run('--json', 'escalate', '--at', '2099-01-01T00:00:00Z');
      expect(real.json<{ escalated: { issue: string; level: number; fired: boolean }[] }>().escalated.map((e) => [e.issue, e.level, e.fired])).toEqual([
        ['B001', 1, true],
        ['B001', 2, true],
      ]);
      expect((await run('escalate', '--at', '2099-01-01T00:00:00Z')).stdout).toMatch(/^Nothing to escalate at 2099-01-01T00:00:00.000Z \(0 issue\(s\) looked at\)\.$/m);
      const sla = await run('sla', '--at', '2099-01-01T00:00:00Z');
      expect(sla.stdout).toMatch(/^B001\s+Critical\s+2\s+overdue \d+d \d+h/m);
      const show = await run('issue', 'show', 'B001');
      expect(show.stdout).toMatch(/^Escalation clock:$/m);
      expect(show.stdout).toMatch(/^ {2}level 1 \(4h, wall clock\): .* left \(breaches 20\d\d-.*\); escalated$/m);
      expect((await run('ack', 'B001', '--level', '1')).stdout).toBe('Acknowledged B001 at level 1 (1 escalation(s)); no more reminders\n');
      const again = await run('ack', 'B001', '--level', '1');
      expect([again.code, again.stderr]).toEqual([2, 'punchlist: ack: B001 has no escalation at level 1 waiting for acknowledgement (levels fired: 1, 2, all acknowledged)\n']);
      expect((await run('log', 'B001')).stdout).toMatch(/escalation\.acknowledged/);
    } finally {
      process.chdir(cwd);
    }
  });

  it('refuses bad input with one line and exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'punchlist-esc-'));
    const { run } = cliWithStore(join(dir, 'p.db'));
    await run('init', '--key', 'TW');
    expect(await run('escalate', '--at', 'tomorrow')).toMatchObject({ code: 2, stderr: 'punchlist: --at: "tomorrow" is not a time (e.g. 2026-11-25T14:00:00Z or 2026-11-25)\n' });
    expect(await run('ack', 'B001', '--level', 'x')).toMatchObject({ code: 2 });
    expect((await run('ack', 'NOPE')).stderr).toBe('punchlist: ack: no issue "NOPE" in project TW\n');
    writeFileSync(join(dir, 'bad.yaml'), 'escalation:\n  levels: [ { level: 1, after: soon } ]\n');
    expect(await run('escalate', '--config', join(dir, 'bad.yaml'))).toMatchObject({
      code: 2,
      stderr: `punchlist: ${join(dir, 'bad.yaml')}: escalation.levels.0.after: "soon" is not a duration (e.g. 30m, 4h, 2d, 1w)\n`,
    });
    writeFileSync(join(dir, 'tz.yaml'), 'timezone: Mars/Olympus\n');
    expect((await run('escalate', '--config', join(dir, 'tz.yaml'))).stderr).toMatch(/timezone: not a time zone this system knows/);
  });

  it('four escalate processes racing on one SQLite store fire each escalation exactly once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'punchlist-esc-'));
    writeFileSync(join(dir, 'punchlist.yaml'), CONFIG);
    const db = join(dir, 'p.db');
    expect((await punchlist(dir, db, ['init', '--key', 'TW'])).code).toBe(0);
    const doc = {
      version: 1,
      project: { key: 'TW', name: 'TW' },
      issues: Array.from({ length: 300 }, (_, i) => ({ key: `B${i}`, title: `t${i}`, severity: 'critical', createdAt: '2026-11-23T09:00:00.000Z' })),
    };
    writeFileSync(join(dir, 'doc.json'), JSON.stringify(doc));
    expect((await punchlist(dir, db, ['import', 'doc.json'])).code).toBe(0);
    const runs = await Promise.all(Array.from({ length: 4 }, () => punchlist(dir, db, ['--json', 'escalate', '--at', '2026-11-24T12:00:00Z'])));
    expect(runs.map((r) => [r.code, r.stderr])).toEqual(Array.from({ length: 4 }, () => [0, '']));
    const fired = runs.flatMap((r) => (JSON.parse(r.stdout) as { escalated: { issue: string; level: number; repeat: number; fired: boolean }[] }).escalated.filter((e) => e.fired));
    expect(fired).toHaveLength(600);
    expect(new Set(fired.map((e) => `${e.issue}:${e.level}:${e.repeat}`)).size).toBe(600);
    const raw = new Sqlite(db, { readonly: true });
    expect(raw.prepare('select count(*) from escalations').pluck().get()).toBe(600);
    expect(raw.prepare("select count(*) from events where action = 'escalation.fired'").pluck().get()).toBe(600);
    raw.close();
  }, 120_000);
});
