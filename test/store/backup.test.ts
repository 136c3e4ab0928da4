// Backup and restore across stores (SPEC §10): a store built the way people build one (Markdown
// import, three ingests, edits, sign-offs) is backed up, restored on the other kind of store, and
// every read command then answers exactly as on the original; so do a re-ingest and `issue add`.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { fixturePath, FIXTURE_ROOT } from '../ingest/fixtures.js';
import { runCli } from '../support/cli.js';
import { dumpTables } from '../support/dump-tables.js';
import { ROOT } from '../support/paths.js';
import { createDatabase } from '../support/postgres-server.js';

const pgServer = process.env.PUNCHLIST_TEST_PG;
const scratch = mkdtempSync(join(tmpdir(), 'punchlist-backup-'));
let n = 0;

type Kind = 'sqlite' | 'postgres';

async function newStore(kind: Kind): Promise<string> {
  if (kind === 'sqlite') return join(scratch, `store-${n++}.db`);
  return createDatabase(pgServer!, `bk_${process.pid}_${Date.now()}_${n++}`);
}

const cli = (db: string) => (...args: string[]) => runCli(['--db', db, '--as', 'tester', ...args]);

async function ok(run: ReturnType<typeof cli>, ...args: string[]): Promise<string> {
  const r = await run(...args);
  expect(r.code, `punchlist ${args.join(' ')}: ${r.stderr}`).toBe(0);
  return r.stdout;
}

/** Import, three ingests, people's edits, KPI values, ticks and two sign-offs, in two projects. */
async function buildStore(db: string): Promise<void> {
  const run = cli(db);
  await ok(run, 'import', join(ROOT, 'examples/audit.md'));
  await ok(run, '--project', 'RM', 'import', join(ROOT, 'examples/roadmap.md'));
  const ingest = (...files: string[]) => ok(run, '--project', 'TB', 'ingest', '--root', FIXTURE_ROOT, '--commit', 'c0ffee', ...files.map(fixturePath));
  await ingest('eslint.json');
  await ingest('vitest-junit.xml', 'coverage-summary.json');
  await ingest('tsc-plain.txt');
  await ok(run, '--project', 'TB', 'issue', 'update', 'TB-1', '--owner', 'Ann', '--severity', 'critical');
  await ok(run, '--project', 'TB', 'issue', 'start', 'TB-2');
  await ok(run, '--project', 'TB', 'issue', 'block', 'B001', '--reason', 'waiting for the fonts');
  await ok(run, '--project', 'TB', 'issue', 'comment', 'TB-3', 'seen on staging');
  await ok(run, '--project', 'TB', 'issue', 'add', 'Rounding of tax totals', '--severity', 'major', '--eta', '2h', '--label', 'tax');
  await ok(run, '--project', 'TB', 'issue', 'wontfix', 'TB-4');
  await ok(run, '--project', 'RM', 'kpi', 'record', 'ci_success_rate', '91.5', '--at', '2026-11-20');
  await ok(run, '--project', 'RM', 'kpi', 'record', 'ci_success_rate', '97');
  await ok(run, '--project', 'TB', 'check', 'tick', 'manual-checks', '1');
  await ok(run, '--project', 'RM', 'approve', 'executive-approval-required', '1');
  await ok(run, '--project', 'RM', 'approve', 'executive-approval-required', '2');
}

/** Every read command's --json answer, per project. */
async function readAll(db: string): Promise<Record<string, unknown>> {
  const run = cli(db);
  const out: Record<string, unknown> = {};
  const read = async (...args: string[]) => {
    const r = await run('--json', ...args);
    // A report says when it was rendered: the one value that differs by nature.
    const stdout = r.stdout.replace(/"generatedAt": "[^"]*"/g, '"generatedAt": "<now>"');
    out[args.join(' ')] = { code: r.code, stdout, stderr: r.stderr };
  };
  for (const p of ['TB', 'RM']) {
    await read('--project', p, 'issue', 'list');
    await read('--project', p, 'log', '--limit', '10000');
    await read('--project', p, 'check', 'list');
    await read('--project', p, 'kpi', 'list');
    await read('--project', p, 'standup');
    await read('--project', p, 'forecast');
    await read('--project', p, 'verify');
    await read('--project', p, 'report', 'audit', '--format', 'json');
    await read('--project', p, 'export');
  }
  for (const key of ['B001', 'TB-1', 'TB-2', 'TB-3', 'TB-13']) await read('--project', 'TB', 'issue', 'show', key);
  // Full-text search and folded filters read derived data the restore must rebuild.
  await read('--project', 'TB', 'issue', 'list', '--text', 'unused');
  await read('--project', 'TB', 'issue', 'list', '--owner', 'ann');
  await read('--project', 'TB', 'gate', 'go-live-checklist');
  await read('--project', 'RM', 'gate', 'executive-approval-required');
  await read('--project', 'RM', 'kpi', 'history', 'ci_success_rate');
  return out;
}

/** Times stamped after the backup differ by nature; everything else must be identical. */
const laterTimes = (text: string, since: string): string =>
  text.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, (t) => (t >= since ? '<after backup>' : t));

const directions: [Kind, Kind][] = [
  ['sqlite', 'postgres'],
  ['postgres', 'sqlite'],
];

describe.skipIf(!pgServer)('backup on one kind of store, restore on the other', () => {
  it.each(directions)('%s → %s: every read answers the same; a re-ingest and issue add behave the same', async (from, to) => {
    const original = await newStore(from);
    await buildStore(original);
    const file = join(scratch, `backup-${n++}.jsonl`);
    await ok(cli(original), 'backup', '-o', file);
    const copy = await newStore(to);
    expect((await cli(copy)('restore', file)).code).toBe(0);

    const before = await readAll(original);
    // The reads really answered (a gate that fails exits 1, with its reasons).
    const answered = Object.entries(before).filter(([, r]) => (r as { code: number }).code === 0).map(([k]) => k);
    expect(answered.length).toBeGreaterThan(20);
    expect(JSON.parse((before['--project TB issue list'] as { stdout: string }).stdout)).toHaveLength(21);
    expect(await readAll(copy)).toEqual(before);

    const since = new Date().toISOString();
    const after = async (db: string) => {
      const run = cli(db);
      const reingest = await run('--project', 'TB', '--json', 'ingest', '--root', FIXTURE_ROOT, '--commit', 'beef', fixturePath('eslint-moved.json'), fixturePath('tsc-pretty.txt'));
      const added = await run('--project', 'TB', '--json', 'issue', 'add', 'After the move', '--severity', 'minor');
      const addedRm = await run('--project', 'RM', '--json', 'issue', 'add', 'First roadmap issue', '--severity', 'minor');
      const state = await readAll(db);
      return laterTimes(JSON.stringify({ reingest, added, addedRm, state }), since);
    };
    expect(await after(copy)).toEqual(await after(original));
  }, 240_000);
});

describe('backup and restore', () => {
  it('carries every table of the schema, row for row, and the id counters', async () => {
    const original = await newStore('sqlite');
    await buildStore(original);
    // A deleted issue leaves a gap in the ids: the counter must not hand its id out again.
    await ok(cli(original), '--project', 'TB', 'issue', 'add', 'to be removed', '--severity', 'minor', '--key', 'GONE-1');
    const doc = JSON.parse(await ok(cli(original), '--project', 'TB', 'export')) as { issues: { key: string }[] };
    doc.issues = doc.issues.filter((i) => i.key !== 'GONE-1');
    writeFileSync(join(scratch, 'pruned.json'), JSON.stringify(doc));
    await ok(cli(original), 'import', '--prune', join(scratch, 'pruned.json'));

    const file = join(scratch, `all-${n++}.jsonl`);
    await ok(cli(original), 'backup', '-o', file);
    const copy = await newStore('sqlite');
    await ok(cli(copy), 'restore', file);

    const source = await openSqliteStore(original);
    const target = await openSqliteStore(copy);
    const schemaTables = (await source.backup.tables()).map((t) => t.name).sort();
    const header = JSON.parse(readFileSync(file, 'utf8').split('\n')[0]!) as { tables: { name: string }[] };
    // Every table in the schema is in the backup, whoever added it.
    expect(header.tables.map((t) => t.name).sort()).toEqual(schemaTables);
    const before = await dumpTables(source);
    expect(Object.keys(before).sort()).toEqual(schemaTables);
    expect(await dumpTables(target)).toEqual(before);
    expect(await target.backup.counters()).toEqual(await source.backup.counters());
    await source.close();
    await target.close();

    const a = JSON.parse(await ok(cli(original), '--project', 'TB', '--json', 'issue', 'add', 'next', '--severity', 'minor')) as { id: number; key: string };
    const b = JSON.parse(await ok(cli(copy), '--project', 'TB', '--json', 'issue', 'add', 'next', '--severity', 'minor')) as { id: number; key: string };
    expect([b.id, b.key]).toEqual([a.id, a.key]);
  }, 120_000);

  it('writes to standard output when no file is given, and that restores too', async () => {
    const original = await newStore('sqlite');
    await ok(cli(original), 'init', '--key', 'TW', '--name', 'Tidewater');
    const text = await ok(cli(original), 'backup');
    expect(JSON.parse(text.split('\n')[0]!)).toMatchObject({ format: 'punchlist-backup', version: 1, from: 'sqlite' });
    const file = join(scratch, `stdout-${n++}.jsonl`);
    writeFileSync(file, text);
    const copy = await newStore('sqlite');
    await ok(cli(copy), 'restore', file);
    expect(await ok(cli(copy), '--json', 'export')).toBe(await ok(cli(original), '--json', 'export'));
  });
});

describe('restore refuses, whole, and writes nothing', () => {
  async function backupOf(build: (run: ReturnType<typeof cli>) => Promise<void>): Promise<string[]> {
    const db = await newStore('sqlite');
    await build(cli(db));
    const file = join(scratch, `src-${n++}.jsonl`);
    await ok(cli(db), 'backup', '-o', file);
    return readFileSync(file, 'utf8').trimEnd().split('\n');
  }

  const small = (run: ReturnType<typeof cli>) =>
    ok(run, 'init', '--key', 'TW').then(() => ok(run, 'issue', 'add', 'One', '--severity', 'major')).then(() => undefined);

  async function refused(lines: string[], message: RegExp, into?: string): Promise<void> {
    const file = join(scratch, `bad-${n++}.jsonl`);
    writeFileSync(file, lines.join('\n'));
    const db = into ?? (await newStore('sqlite'));
    const before = into ? await dumpOf(db) : null;
    const r = await cli(db)('restore', file);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.code).toBe(2);
    const store = await openSqliteStore(db);
    const after = await dumpTables(store);
    await store.close();
    if (before) expect(after).toEqual(before);
    else expect(Object.values(after).every((rows) => rows.length === 0)).toBe(true);
  }

  const dumpOf = async (db: string) => {
    const store = await openSqliteStore(db);
    try {
      return await dumpTables(store);
    } finally {
      await store.close();
    }
  };

  it('a store that is not empty', async () => {
    const lines = await backupOf(small);
    const target = await newStore('sqlite');
    await ok(cli(target), 'init', '--key', 'XY');
    await refused(lines, /restore: the store at .* is not empty \(table \w+ has rows\); restore into a new store/, target);
  });

  it('a truncated file', async () => {
    const lines = await backupOf(small);
    await refused(lines.slice(0, -1), /ends without its end line; the file is truncated/);
    const row = lines.indexOf('{"table":"issues"}') + 1;
    await refused(lines.filter((_, i) => i !== row), /table issues should have 1 rows but has 0; the file is damaged/);
    const marker = lines.indexOf('{"table":"comments"}');
    await refused(lines.filter((_, i) => i !== marker), /table comments is declared but missing; the file is damaged/);
  });

  it('not a backup, or a newer one', async () => {
    const lines = await backupOf(small);
    await refused(['{"version":1,"project":{}}'], /not a punchlist backup/);
    await refused(['not json'], /line 1: not valid JSON/);
    const newer = JSON.parse(lines[0]!) as { migrations: string[]; version: number };
    await refused([JSON.stringify({ ...newer, migrations: [...newer.migrations, '9999-future'] }), ...lines.slice(1)], /made by a newer punchlist \(migration 9999-future is unknown here\)/);
    await refused([JSON.stringify({ ...newer, version: 2 }), ...lines.slice(1)], /backup format version 2 is not one this punchlist reads/);
  });

  it('rows that break the schema or the domain limits', async () => {
    const lines = await backupOf(small);
    const issueRow = lines.findIndex((l, i) => i > 0 && lines[i - 1] === '{"table":"issues"}');
    const header = JSON.parse(lines[0]!) as { tables: { name: string; columns: string[] }[] };
    const cols = header.tables.find((t) => t.name === 'issues')!.columns;
    const mutate = (column: string, value: unknown): string[] => {
      const row = JSON.parse(lines[issueRow]!) as unknown[];
      row[cols.indexOf(column)] = value;
      return lines.map((l, i) => (i === issueRow ? JSON.stringify(row) : l));
    };
    await refused(mutate('estimate_minutes', 99_999_999_999), /issues\.estimate_minutes: 99999999999 is not a 32-bit whole number/);
    await refused(mutate('estimate_minutes', 20_000_000), /issues\.estimate_minutes: Too big/);
    await refused(mutate('severity', 'urgent'), /issues\.severity: Invalid option/);
    await refused(mutate('title', 'x'.repeat(501)), /issues\.title: Too big/);
    await refused(mutate('key', 'a b'), /issues\.key/);
    await refused(mutate('title', null), /issues\.title: may not be null/);
    await refused(mutate('title', 'nul \u0000 byte'), /holds a NUL byte/);
    await refused(mutate('project_id', 99), /the store refuses a row of issues/);
  });
});
