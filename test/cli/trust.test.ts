// Trust (issue 8), on both stores: a multi-file import is one transaction, keys are unique
// regardless of case, and NUL bytes are refused the same way wherever they come from. Each
// refusal is one line, exit 2, and every table's contents unchanged.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { runCli } from '../support/cli.js';
import { dumpTables } from '../support/dump-tables.js';
import { storeFactories } from '../support/stores.js';
import { startServer } from '../server/helpers.js';

const dir = () => mkdtempSync(join(tmpdir(), 'punchlist-trust-'));

function file(name: string, content: unknown): string {
  const path = join(dir(), name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const plan = { version: 1, project: { key: 'TW', name: 'Tidewater' }, phases: [{ key: 'p1', name: 'Blockers', order: 1 }] };

describe.each(storeFactories())('trust on $name', (factory) => {
  async function fresh() {
    await (await factory.open()).close();
    const location = factory.lastLocation();
    const db = factory.name === 'postgres' ? { kind: 'postgres' as const, url: location } : { kind: 'sqlite' as const, path: location };
    const run = (...args: string[]) => runCli(['--db', location, '--as', 'tester', ...args]);
    const dump = async () => {
      const store = await openStore(db);
      try {
        return await dumpTables(store);
      } finally {
        await store.close();
      }
    };
    const refused = async (args: string[], message: RegExp) => {
      const before = await dump();
      const r = await run(...args);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.code).toBe(2);
      expect(await dump()).toEqual(before);
      return r;
    };
    expect((await run('import', file('plan.json', plan))).code).toBe(0);
    return { run, dump, refused, db };
  }

  describe('a multi-file import is one transaction', () => {
    it('a second file that fails while it is written leaves nothing of the first', async () => {
      const { run, refused } = await fresh();
      expect((await run('issue', 'add', 'kept', '--severity', 'major', '--key', 'TB-1')).code).toBe(0);
      // Both files pass every check on their own; the second clashes with the store only once
      // written (tb-1 beside TB-1), after the first has been applied in the same transaction.
      const first = file('a.json', { ...plan, project: { key: 'NEW', name: 'New project' }, issues: [{ key: 'NEW-1', title: 'first', severity: 'major' }] });
      const second = file('b.json', { ...plan, issues: [{ key: 'tb-1', title: 'second', severity: 'minor' }] });
      await refused(['import', first, second], /^punchlist: issue tb-1: clashes with TB-1 in project TW; keys are unique regardless of case/);
      expect((await run('export', '--project', 'NEW')).code).toBe(2);
    });

    it('Markdown and JSON files together go in together', async () => {
      const { run } = await fresh();
      const md = file('audit.md', '# Orbit launch audit\n\n## Issues\n\n| # | Issue | Severity |\n|---|---|---|\n| 1 | Login fails | Critical |\n');
      const json = file('more.json', { ...plan, issues: [{ key: 'TW-5', title: 'five', severity: 'minor' }] });
      const r = await run('import', md, json);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/audit\.md: recognised/);
      expect(r.stdout).toMatch(/more\.json: issues 1 created/);
    });
  });

  describe('keys are unique regardless of case', () => {
    it('issue add --key tb-1 beside TB-1 is refused', async () => {
      const { run, refused } = await fresh();
      expect((await run('issue', 'add', 'one', '--severity', 'major', '--key', 'TB-1')).code).toBe(0);
      await refused(['issue', 'add', 'two', '--severity', 'major', '--key', 'tb-1'], /^punchlist: issue: key "tb-1" clashes with "TB-1" in this project \(keys are unique regardless of case\)/);
    });

    it('a document holding tb-1 and TB-1 is refused, and so is one adding tb-1 beside the stored TB-1', async () => {
      const { run, refused } = await fresh();
      await refused(['import', file('two.json', { ...plan, issues: [{ key: 'TB-1', title: 'a', severity: 'major' }, { key: 'tb-1', title: 'b', severity: 'major' }] })],
        /^punchlist: document\.issues\[1\]\.key: "tb-1" clashes with "TB-1"; keys are unique regardless of case/);
      expect((await run('import', file('one.json', { ...plan, issues: [{ key: 'TB-1', title: 'a', severity: 'major' }] }))).code).toBe(0);
      await refused(['import', file('lower.json', { ...plan, issues: [{ key: 'tb-1', title: 'b', severity: 'major' }] })],
        /^punchlist: issue tb-1: clashes with TB-1 in project TW/);
    });

    it('a project tw beside TW is refused', async () => {
      const { refused } = await fresh();
      await refused(['init', '--key', 'tw', '--name', 'Lower'], /^punchlist: project: "tw" (clashes with project "TW"|already exists)/);
      await refused(['import', file('lower.json', { ...plan, project: { key: 'tw', name: 'Lower' } })], /^punchlist: project: "tw" clashes with project "TW" \(keys are unique regardless of case\)/);
    });

    it('the store itself refuses a case clash that gets past the domain (the index of migration 0800)', async () => {
      await (await factory.open()).close();
      const location = factory.lastLocation();
      const store = await openStore(factory.name === 'postgres' ? { kind: 'postgres', url: location } : { kind: 'sqlite', path: location });
      try {
        const project = await store.write((tx) => tx.projects.insert({ key: 'TW', name: 'T', title: null, owner: null, date: null, status: null, summary: null }));
        await store.write((tx) => tx.issues.insertMany(project.id, [{ key: 'TB-1', title: 'a', severity: 'major' }]));
        await expect(store.write((tx) => tx.issues.insertMany(project.id, [{ key: 'tb-1', title: 'b', severity: 'major' }]))).rejects.toMatchObject({ code: 'duplicate' });
        expect(await store.issues.count(project.id)).toBe(1);
      } finally {
        await store.close();
      }
    });
  });

  describe('NUL characters are refused (people, documents, API) or replaced (tool output), the same on both stores', () => {
    it('from CLI arguments, writes and reads alike', async () => {
      const { run, refused } = await fresh();
      expect((await run('issue', 'add', 'clean', '--severity', 'major')).code).toBe(0);
      await refused(['issue', 'add', 'a\u0000b', '--severity', 'major'], /NUL character \(U\+0000\)/);
      await refused(['issue', 'comment', 'TW-1', 'x\u0000y'], /NUL character \(U\+0000\)/);
      await refused(['issue', 'update', 'TW-1', '--owner', 'o\u0000'], /NUL character \(U\+0000\)/);
      // A filter is folded like a search (punctuation and controls are not part of words), so a
      // NUL in it matches nothing on either store rather than failing on one.
      const listed = await run('issue', 'list', '--owner', 'o\u0000', '--json');
      expect([listed.code, listed.json()]).toEqual([0, []]);
      await refused(['kpi', 'record', 'nosuch\u0000', '1'], /NUL character|is not a/);
    });

    it('from a JSON or YAML document, naming the field', async () => {
      const { refused } = await fresh();
      await refused(['import', file('nul.json', { ...plan, issues: [{ key: 'TW-1', title: 'a\u0000b', severity: 'major' }] })],
        /^punchlist: .*document\.issues\[0\]\.title: may not contain a NUL character \(U\+0000\)/);
      await refused(['import', file('nul.yaml', 'version: 1\nproject: {key: TW, name: T}\nissues:\n  - {key: TW-1, title: a, severity: major, owner: "x\\0y"}\n')],
        /document\.issues\[0\]\.owner: may not contain a NUL character/);
    });

    it('from tool output: replaced by U+FFFD, stored and shown the same', async () => {
      const { run } = await fresh();
      const eslint = [{ filePath: `${dir()}/src/a\u0000.ts`, messages: [{ ruleId: 'no-eval', severity: 2, message: 'eval\u0000 is evil', line: 3, column: 1 }] }];
      const r = await run('ingest', `eslint:${file('eslint.json', eslint)}`);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const listed = await run('issue', 'list', '--json');
      expect(listed.stdout).not.toContain('\\u0000');
      expect(listed.stdout).toContain('\uFFFD');
    });

    it('from an API body: 400 bad_input, nothing written', async () => {
      const { dump, db } = await fresh();
      const store = await openStore(db);
      const server = await startServer(store);
      try {
        const before = await dump();
        const res = await server.app.inject({ method: 'POST', url: '/api/projects/TW/issues', headers: server.auth('member'), payload: { title: 'a\u0000b', severity: 'major' } });
        expect(res.statusCode).toBe(400);
        expect(res.json()).toMatchObject({ error: 'bad_input' });
        const comment = await server.app.inject({ method: 'POST', url: '/api/projects/TW/issues', headers: server.auth('member'), payload: { title: 'ok', severity: 'major', owner: 'x\u0000' } });
        expect([comment.statusCode, comment.json().error]).toEqual([400, 'bad_input']);
        const filtered = await server.app.inject({ method: 'GET', url: '/api/projects/TW/issues?owner=a%00b', headers: server.auth('viewer') });
        expect(filtered.statusCode).toBe(200);
        // Apart from the tokens' last use (authentication records it), nothing changed.
        const withoutTokens = (d: Record<string, unknown>) => Object.fromEntries(Object.entries(d).filter(([t]) => !/token|session/.test(t)));
        expect(withoutTokens(await dump())).toEqual(withoutTokens(before));
      } finally {
        await server.close();
        await store.close();
      }
    });
  });
});
