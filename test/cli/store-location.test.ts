// Where the store is, as a user's shell meets it: a read never creates one, a location that is
// no store is refused with its password masked, and -o into a missing directory is one line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliWithStore } from '../support/cli.js';
import { BIN } from '../support/paths.js';

const punchlist = (cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) => {
  const { PUNCHLIST_DB: _a, DATABASE_URL: _b, ...rest } = process.env;
  const r = spawnSync(process.execPath, [BIN, '--as', 'tester', ...args], { cwd, env: { ...rest, ...env }, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('a command that only reads never creates a store', () => {
  it.each([['issue', 'list'], ['log'], ['check', 'list'], ['export'], ['backup'], ['standup']])('%s in a directory without one', (...args) => {
    const dir = mkdtempSync(join(tmpdir(), 'punchlist-nostore-'));
    const r = punchlist(dir, args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^punchlist: no store here \(.*\); run `punchlist init` or `punchlist import FILE`\n$/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('in a subfolder, finds the parent store and creates none beside it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'punchlist-parent-'));
    expect(punchlist(dir, ['init', '--key', 'TW']).code).toBe(0);
    const sub = join(dir, 'packages', 'web');
    mkdirSync(sub, { recursive: true });
    expect(punchlist(sub, ['issue', 'add', 'from below', '--severity', 'minor']).code).toBe(0);
    const list = punchlist(sub, ['--json', 'issue', 'list']);
    expect(JSON.parse(list.stdout)).toHaveLength(1);
    expect(existsSync(join(sub, '.punchlist'))).toBe(false);
  });

  it('an explicit --db that does not exist is not created by a read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'punchlist-nostore-'));
    const r = punchlist(dir, ['--db', join(dir, 'deep', 'x.db'), 'issue', 'list']);
    expect(r.code).toBe(2);
    expect(existsSync(join(dir, 'deep'))).toBe(false);
  });
});

describe('a store location that is neither PostgreSQL nor a path', () => {
  it.each([
    ['--db', 'mysql://root:s3cret@localhost/app'],
    ['DATABASE_URL', 'host=db.example password=s3cret dbname=app'],
  ])('%s %s is refused, password masked, no file created', (how, value) => {
    const dir = mkdtempSync(join(tmpdir(), 'punchlist-badurl-'));
    const r = how === '--db' ? punchlist(dir, ['--db', value, 'init', '--key', 'TW']) : punchlist(dir, ['init', '--key', 'TW'], { DATABASE_URL: value });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^punchlist: ${how}: ".*\\*\\*\\*.*" is neither a postgres:// URL nor a path to a store`));
    expect(r.stderr).not.toContain('s3cret');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('-o into a directory that does not exist', () => {
  it.each([['export'], ['report', 'audit'], ['backup']])('%s: one line, exit 2, nothing written', async (...args) => {
    const { run } = cliWithStore();
    await run('init', '--key', 'TW');
    const target = join(tmpdir(), 'no-such-dir-punchlist', 'out.txt');
    const r = await run(...args, '-o', target);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`punchlist: -o: the directory ${join(tmpdir(), 'no-such-dir-punchlist')} does not exist\n`);
  });
});
