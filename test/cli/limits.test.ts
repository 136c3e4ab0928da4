// One set of limits (src/domain/limits.ts) at every entry: what the CLI accepts, an export and
// a backup carry back in; what it refuses is one line, exit 2, and nothing written.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { cliWithStore } from '../support/cli.js';
import { dumpTables } from '../support/dump-tables.js';

async function dump(db: string) {
  const store = await openSqliteStore(db);
  try {
    return await dumpTables(store);
  } finally {
    await store.close();
  }
}

async function withPlan() {
  const cli = cliWithStore();
  const plan = join(mkdtempSync(join(tmpdir(), 'punchlist-limits-')), 'plan.json');
  writeFileSync(plan, JSON.stringify({ version: 1, project: { key: 'TW', name: 'Tidewater' }, phases: [{ key: 'p1', name: 'Blockers', order: 1 }] }));
  expect((await cli.run('import', plan)).code).toBe(0);
  return cli;
}

describe('limits at the CLI', () => {
  it.each([
    [['issue', 'add', 'x', '--severity', 'minor', '--eta', '99999999999w'], /^punchlist: estimateMinutes: at most 10000000 minutes/],
    [['issue', 'add', 'x', '--severity', 'minor', '--eta', '4200w'], /^punchlist: estimateMinutes: at most 10000000 minutes/],
    [['--as', 'a'.repeat(201), 'issue', 'add', 'x', '--severity', 'minor'], /^punchlist: --as: at most 200 characters \(got 201\)/],
    [['--as', 'evil\u001b[2J', 'issue', 'add', 'x', '--severity', 'minor'], /^punchlist: --as: may not hold control characters/],
    [['issue', 'add', 'x', '--severity', 'minor', '--phase', 'nosuch'], /^punchlist: --phase: no phase "nosuch" in project TW \(known: p1\)/],
    [['issue', 'update', 'TW-1', '--phase', 'nosuch'], /^punchlist: --phase: no phase "nosuch"/],
  ])('refuses %j: one line, exit 2, nothing written', async (args, message) => {
    const { db, run } = await withPlan();
    expect((await run('issue', 'add', 'first', '--severity', 'major')).code).toBe(0);
    const before = await dump(db);
    const r = await run(...args);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.code).toBe(2);
    expect(await dump(db)).toEqual(before);
  });

  it('whatever it accepts, export → import and backup → restore carry back', async () => {
    const { db, run } = await withPlan();
    const longest = 'a'.repeat(200);
    expect((await run('--as', longest, 'issue', 'add', 'big', '--severity', 'minor', '--eta', '4166w', '--owner', 'o'.repeat(200), '--phase', 'p1')).code).toBe(0);
    expect((await run('--as', longest, 'issue', 'comment', 'TW-1', 'c'.repeat(100_000))).code).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'punchlist-limits-'));
    expect((await run('export', '-o', join(dir, 'doc.json'))).code).toBe(0);
    const imported = cliWithStore();
    const r = await imported.run('import', join(dir, 'doc.json'));
    expect(r.stderr).toBe('');
    expect((await imported.run('export')).json()).toEqual((await run('export')).json());
    expect((await run('backup', '-o', join(dir, 'all.jsonl'))).code).toBe(0);
    const restored = cliWithStore();
    expect((await restored.run('restore', join(dir, 'all.jsonl'))).code).toBe(0);
    expect(await dump(restored.db)).toEqual(await dump(db));
  });
});
