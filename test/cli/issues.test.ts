import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/domain/model.js';
import { cliWithStore } from '../support/cli.js';

async function withProject() {
  const cli = cliWithStore();
  expect((await cli.run('init', '--key', 'TW', '--name', 'Tidewater Billing')).code).toBe(0);
  return cli;
}

describe('issue commands', () => {
  it('adds, lists, shows, updates and moves an issue through its life', async () => {
    const { run } = await withProject();
    const added = await run('--json', 'issue', 'add', 'Invoice PDF renderer crashes', '--severity', 'critical', '--owner', 'Platform Lead', '--eta', '45min', '--file', 'services/invoices/render.ts', '--key', 'B001', '--label', 'pdf,billing');
    expect(added.code).toBe(0);
    expect(added.json<Issue>()).toMatchObject({ key: 'B001', severity: 'critical', estimateMinutes: 45, labels: ['pdf', 'billing'], files: ['services/invoices/render.ts'] });

    const auto = await run('--json', 'issue', 'add', 'Tax totals rounded per line', '--severity', 'P2', '--eta', '2hrs');
    expect(auto.json<Issue>()).toMatchObject({ key: 'TW-1', severity: 'major', estimateMinutes: 120 });
    await run('issue', 'add', 'README mentions old URL', '--severity', 'minor', '--eta', '1d');

    const table = await run('issue', 'list');
    expect(table.stdout.split('\n')[0]).toMatch(/^KEY\s+SEVERITY\s+STATUS\s+TITLE/);
    expect(table.stdout).toMatch(/B001\s+Critical\s+backlog/);

    const majors = await run('--json', 'issue', 'list', '--severity', 'major,minor');
    expect(majors.json<Issue[]>().map((i) => i.key)).toEqual(['TW-1', 'TW-2']);

    expect((await run('issue', 'start', 'B001')).stdout).toContain('B001 is in_progress');
    expect((await run('issue', 'block', 'B001', '--reason', 'waiting on a DB snapshot')).code).toBe(0);
    expect((await run('issue', 'resolve', 'B001')).code).toBe(0);
    expect((await run('issue', 'reopen', 'B001')).stdout).toContain('in_progress');
    expect((await run('issue', 'update', 'B001', '--owner', 'Data Team', '--eta', '1.5h')).code).toBe(0);
    expect((await run('issue', 'comment', 'B001', 'Repro attached')).code).toBe(0);

    const shown = await run('--json', 'issue', 'show', 'B001');
    const detail = shown.json<Issue & { comments: { body: string }[]; history: { action: string; actor: string }[] }>();
    expect(detail).toMatchObject({ owner: 'Data Team', estimateMinutes: 90, status: 'in_progress' });
    expect(detail.startedAt).not.toBeNull();
    expect(detail.comments.map((c) => c.body)).toEqual(['waiting on a DB snapshot', 'Repro attached']);
    expect(detail.history.map((e) => e.action)).toEqual([
      'issue.created', 'issue.start', 'issue.block', 'issue.resolve', 'issue.reopen', 'issue.updated', 'issue.commented',
    ]);
    expect(detail.history.every((e) => e.actor === 'tester')).toBe(true);

    const log = await run('log', 'B001');
    expect(log.stdout).toMatch(/owner: Platform Lead → Data Team/);
    expect(log.stdout).toMatch(/estimateMinutes: 45 → 90/);
  });

  it('filters by owner, phase, label, text and open', async () => {
    const { run } = await withProject();
    const plan = join(mkdtempSync(join(tmpdir(), 'punchlist-plan-')), 'plan.json');
    writeFileSync(plan, JSON.stringify({ version: 1, project: { key: 'TW', name: 'Tidewater Billing' }, phases: [{ key: 'p3', name: 'Clean-up', order: 3 }] }));
    expect((await run('import', plan)).code).toBe(0);
    await run('issue', 'add', 'Retry loop unbounded', '--severity', 'medium', '--owner', 'Data Team', '--phase', 'p3', '--label', 'sync');
    await run('issue', 'add', 'Toast hides request id', '--severity', 'medium', '--status', 'resolved');
    const keys = async (...args: string[]) => (await run('--json', 'issue', 'list', ...args)).json<Issue[]>().map((i) => i.title);
    expect(await keys('--owner', 'data team')).toEqual(['Retry loop unbounded']);
    expect(await keys('--phase', 'p3')).toEqual(['Retry loop unbounded']);
    expect(await keys('--label', 'sync')).toEqual(['Retry loop unbounded']);
    expect(await keys('--text', 'toast')).toEqual(['Toast hides request id']);
    expect(await keys('--open')).toEqual(['Retry loop unbounded']);
    expect(await keys('--status', 'done')).toEqual(['Toast hides request id']);
  });

  it('keeps several projects apart with --project', async () => {
    const { run } = await withProject();
    expect((await run('init', '--key', 'OPS', '--name', 'Operations')).code).toBe(0);
    await run('--project', 'OPS', 'issue', 'add', 'Pager rota', '--severity', 'minor');
    expect((await run('--project', 'OPS', '--json', 'issue', 'list')).json<Issue[]>()).toHaveLength(1);
    expect((await run('--project', 'TW', '--json', 'issue', 'list')).json<Issue[]>()).toHaveLength(0);
    const unknown = await run('--project', 'NOPE', 'issue', 'list');
    expect(unknown).toMatchObject({ code: 2 });
    expect(unknown.stderr).toBe('punchlist: project: no project "NOPE" (known: TW, OPS)\n');
  });

  it('refuses a stale --if-version with a conflict', async () => {
    const { run } = await withProject();
    await run('issue', 'add', 'x', '--severity', 'minor', '--key', 'X1');
    expect((await run('issue', 'update', 'X1', '--owner', 'Ann', '--if-version', '1')).code).toBe(0);
    const stale = await run('issue', 'update', 'X1', '--owner', 'Bob', '--if-version', '1');
    expect(stale.code).toBe(2);
    expect(stale.stderr).toMatch(/^punchlist: issue X1: changed by someone else .*version 2, you had 1.*\n$/);
  });
});

describe('bad input: one line, exit 2, nothing written', () => {
  const cases: [string, string[], RegExp][] = [
    ['unknown severity', ['issue', 'add', 'x', '--severity', 'urgentish'], /^punchlist: --severity: "urgentish" is not one of critical, major, medium, minor/],
    ['missing severity', ['issue', 'add', 'x'], /^punchlist: --severity: required/],
    ['unknown status', ['issue', 'add', 'x', '--severity', 'minor', '--status', 'sleeping'], /^punchlist: --status: "sleeping" is not one of backlog, planned/],
    ['malformed estimate', ['issue', 'add', 'x', '--severity', 'minor', '--eta', '3 parsecs'], /^punchlist: estimate: unknown unit "parsecs"/],
    ['estimate without unit', ['issue', 'add', 'x', '--severity', 'minor', '--eta', '12'], /^punchlist: estimate: cannot read "12"/],
    ['oversized title', ['issue', 'add', 'x'.repeat(501), '--severity', 'minor'], /^punchlist: title: Too big: expected string to have <=500 characters/],
    ['empty title', ['issue', 'add', '  ', '--severity', 'minor'], /^punchlist: title: Too small/],
    ['bad key', ['issue', 'add', 'x', '--severity', 'minor', '--key', 'has space'], /^punchlist: key: /],
    ['bad due date', ['issue', 'add', 'x', '--severity', 'minor', '--due', '31/03/2026'], /^punchlist: dueDate: /],
    ['unknown command', ['frobnicate'], /unknown command 'frobnicate'/],
    ['bad --limit', ['issue', 'list', '--limit', 'lots'], /^punchlist: --limit: "lots" is not a whole number/],
  ];
  it.each(cases)('%s', async (_name, args, message) => {
    const { run } = await withProject();
    const result = await run(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect((await run('--json', 'issue', 'list')).json()).toEqual([]);
  });

  it('refuses a duplicate key and an unknown key', async () => {
    const { run } = await withProject();
    await run('issue', 'add', 'x', '--severity', 'minor', '--key', 'B001');
    const dup = await run('issue', 'add', 'y', '--severity', 'minor', '--key', 'B001');
    expect(dup).toMatchObject({ code: 2, stderr: 'punchlist: issue: key "B001" already exists in this project\n' });
    const missing = await run('issue', 'show', 'B999');
    expect(missing).toMatchObject({ code: 2, stderr: 'punchlist: issue: no issue "B999" in project TW\n' });
    expect((await run('issue', 'resolve', 'B999')).code).toBe(2);
    expect((await run('--json', 'issue', 'list')).json()).toHaveLength(1);
  });

  it('says how to start when the store has no project', async () => {
    const { run } = cliWithStore();
    const result = await run('issue', 'list');
    expect(result).toMatchObject({ code: 2 });
    expect(result.stderr).toMatch(/run `punchlist init` or `punchlist import FILE`/);
  });

  it('refuses a duplicate project on init', async () => {
    const { run } = await withProject();
    expect(await run('init', '--key', 'TW')).toMatchObject({ code: 2 });
  });
});
