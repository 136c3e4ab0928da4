// Clean refusals (issue 8): bad documents are one line, exit 2, and nothing written.
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

const dir = () => mkdtempSync(join(tmpdir(), 'punchlist-refusals-'));
const plan = { version: 1, project: { key: 'TW', name: 'Tidewater' }, phases: [{ key: 'p1', name: 'Blockers', order: 1 }] };

async function withPlan() {
  const cli = cliWithStore();
  const file = join(dir(), 'plan.json');
  writeFileSync(file, JSON.stringify(plan));
  expect((await cli.run('import', file)).code).toBe(0);
  return cli;
}

async function refused(cli: { db: string; run: (...a: string[]) => ReturnType<ReturnType<typeof cliWithStore>['run']> }, args: string[], message: RegExp) {
  const before = await dump(cli.db);
  const r = await cli.run(...args);
  expect(r.stderr).toMatch(message);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.code).toBe(2);
  expect(await dump(cli.db)).toEqual(before);
}

describe('clean refusals of documents', () => {
  it('a JSON document with a duplicate key is refused, naming the key', async () => {
    const cli = await withPlan();
    const file = join(dir(), 'dup.json');
    writeFileSync(file, '{"version": 1, "project": {"key": "TW", "name": "Tidewater", "name": "Other"}}');
    await refused(cli, ['import', file], /^punchlist: .*dup\.json: not valid JSON: duplicate key "name" at line 1/);
    writeFileSync(file, '{"version": 1,\n "project": {"key": "XX", "name": "X"},\n "issues": [], "\\u0069ssues": []}');
    await refused(cli, ['apply', '-f', file], /duplicate key "issues" at line 3/);
  });

  it('the same key in sibling objects, or as a string value, is not a duplicate', async () => {
    const cli = await withPlan();
    const file = join(dir(), 'ok.json');
    writeFileSync(file, JSON.stringify({ ...plan, phases: [{ key: 'p1', name: 'key', order: 1 }, { key: 'p2', name: 'name', order: 2 }] }));
    const r = await cli.run('import', file);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it.each([
    ['NUL bytes', Buffer.from('# TW audit\n\n## Issues\n\u0000\u0000 ok\n')],
    ['binary data', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x01, 0x02, 0x03, 0x04])],
    ['control characters without NUL', Buffer.from('\u0001\u0002\u0003\u0004# T\u0005\u0006\u0007\u0008')],
  ])('a .md with %s is refused', async (_what, bytes) => {
    const cli = await withPlan();
    const file = join(dir(), 'audit.md');
    writeFileSync(file, bytes);
    await refused(cli, ['import', file], /^punchlist: .*audit\.md: binary data, not a Markdown document/);
  });
});

describe('rule limits on save', () => {
  const withRule = (rule: string) => ({ ...plan, checklists: [{ key: 'go-live', title: 'Go-live', items: [{ text: 'sum', done: false, rule }] }] });

  it.each([
    ['a 3,000-term sum', `${Array(3000).fill('1').join('+')} > 0`, /.*(at most 2000|<=2000 characters)/],
    ['a 600-term sum (short, but deep)', `${Array(600).fill('1').join('+')} > 0`, /nests deeper than 50 levels/],
    ['a thousand brackets', `${'('.repeat(900)}1${')'.repeat(900)} > 0`, /nests deeper than 50 levels/],
  ])('%s is refused on import: one line, exit 2, nothing written', async (_what, rule, message) => {
    const cli = await withPlan();
    const file = join(dir(), 'rules.json');
    writeFileSync(file, JSON.stringify(withRule(rule)));
    await refused(cli, ['import', file], new RegExp(`^punchlist: document\\.checklists\\[0\\]\\.items\\[0\\]\\.rule: .*${message.source}`));
  });

  it('a rule within the limits still imports and gates', async () => {
    const cli = await withPlan();
    const file = join(dir(), 'rules.json');
    writeFileSync(file, JSON.stringify(withRule(`${Array(20).fill('1').join('+')} > 0`)));
    expect((await cli.run('import', file)).code).toBe(0);
    const r = await cli.run('check', 'list');
    expect(r.stderr).toBe('');
  });
});

describe('keys named like Object members', () => {
  const doc = (extra: Record<string, string>) => ({
    ...plan,
    issues: [{ key: 'TW-1', title: 'a', severity: 'major', extra, labels: ['constructor'], owner: 'toString' }],
    checklists: [{ key: 'hasOwnProperty', title: 'c', items: [{ text: '__proto__', done: false }] }],
    kpis: [{ key: 'constructor', name: 'k', unit: '%', target: 1, comparator: '>=', values: [] }],
  });

  it('constructor, toString, hasOwnProperty anywhere import, report and export as given', async () => {
    const cli = await withPlan();
    const file = join(dir(), 'members.json');
    const extra = { constructor: 'x', toString: 'z', hasOwnProperty: 'w', valueOf: 'v' };
    writeFileSync(file, JSON.stringify(doc(extra)));
    expect((await cli.run('import', file)).code).toBe(0);
    for (const args of [['report', 'audit'], ['report', 'audit', '--format', 'html'], ['report', 'standup'], ['check', 'list'], ['kpi', 'list'], ['issue', 'list']]) {
      const r = await cli.run(...args);
      expect(r.stderr, args.join(' ')).toBe('');
      expect(r.code, args.join(' ')).toBe(0);
    }
    const exported = (await cli.run('export')).json<{ issues: Array<{ extra: Record<string, string> }> }>();
    expect(exported.issues[0]!.extra).toEqual(extra);
  });

  it('a "__proto__" key is refused (it would be silently dropped), naming where', async () => {
    const cli = await withPlan();
    const file = join(dir(), 'proto.json');
    writeFileSync(file, JSON.stringify(doc({ a: 'b' })).replace('"a":"b"', '"__proto__":"y"'));
    await refused(cli, ['import', file], /^punchlist: .*proto\.json: a key named "__proto__" \(at document\.issues\[0\]\.extra\) cannot be stored as given/);
    const yaml = join(dir(), 'proto.yaml');
    writeFileSync(yaml, 'version: 1\nproject: {key: TW, name: T}\nissues:\n  - {key: TW-1, title: a, severity: major, extra: {__proto__: y}}\n');
    await refused(cli, ['import', yaml], /a key named "__proto__" \(at document\.issues\[0\]\.extra\)/);
  });
});

describe('keys named like Object members in a Markdown document', () => {
  const audit = (column: string) =>
    ['# Tidewater audit', '', '## Issues', '', `| ID | Severity | Title | ${column} |`, '|----|----------|-------|----|', '| TW-1 | critical | Login broken | kept |', ''].join('\n');

  it.each(['constructor', 'hasOwnProperty', 'toString'])('a table column named %s is kept as data; report audit and export work', async (column) => {
    const cli = cliWithStore();
    const file = join(dir(), 'members.md');
    writeFileSync(file, audit(column));
    const r = await cli.run('import', file);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const args of [['report', 'audit'], ['report', 'audit', '--format', 'html'], ['issue', 'show', 'TW-1'], ['issue', 'list']]) {
      const out = await cli.run(...args);
      expect(out.stderr, args.join(' ')).toBe('');
      expect(out.code, args.join(' ')).toBe(0);
    }
    const exported = (await cli.run('export')).json<{ issues: Array<{ extra: Record<string, string> }> }>();
    expect(exported.issues[0]!.extra).toEqual({ [column]: 'kept' });
  });

  it.each(['`__proto__`', '\\_\\_proto\\_\\_'])('a table column named "__proto__" (written %s) is refused as in JSON and YAML, naming the file and line', async (column) => {
    const cli = await withPlan();
    const file = join(dir(), 'proto.md');
    writeFileSync(file, audit(column));
    await refused(cli, ['import', file], /^punchlist: .*proto\.md: line 5: a table column named "__proto__" cannot be stored as given; rename it$/m);
  });
});

describe('a multi-file import is all or nothing', () => {
  it.each([
    ['bad JSON', 'b.json', '{"version": 1,'],
    ['an invalid document', 'b.json', JSON.stringify({ version: 1, project: { key: 'TW' } })],
    ['a binary .md', 'b.md', '\u0000\u0001\u0002'],
  ])('a second file with %s leaves the first uncommitted', async (_what, name, text) => {
    const cli = await withPlan();
    const d = dir();
    writeFileSync(join(d, 'a.json'), JSON.stringify({ ...plan, issues: [{ key: 'TW-9', title: 'first', severity: 'major' }] }));
    writeFileSync(join(d, name), text);
    await refused(cli, ['import', join(d, 'a.json'), join(d, name)], new RegExp(`^punchlist: .*`));
  });
});
