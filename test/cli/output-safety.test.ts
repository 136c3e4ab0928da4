// Data text may carry terminal escape sequences (a title, a comment, a tool message from an
// untrusted pull request); human output shows them as visible escapes, --json keeps them exact,
// and with --json an error is JSON on stdout with the usual exit code.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { neutralise } from '../../src/cli/output.js';
import type { Issue } from '../../src/domain/model.js';
import { cliWithStore } from '../support/cli.js';

const HOSTILE_TITLE = 'Red \x1b[31malert\x1b[0m title\x1b]0;pwned\x07 over\rwritten \u202eevil';
const HOSTILE_COMMENT = 'see \x1b[31mred\x1b[0m\x1b]0;pwned\x07 and\rback';
// What a terminal must never receive from data: ESC, BEL, CR, C1 controls, bidi overrides.
// eslint-disable-next-line no-control-regex -- the characters under test
const UNSAFE = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

describe('neutralise', () => {
  it('shows controls as visible escapes and keeps newlines', () => {
    expect(neutralise('a\x1b[31mb\x07\r\tc\u009b\u202e\nd')).toBe('a\\x1b[31mb\\x07\\x0d\\x09c\\x9b\\u202e\nd');
    expect(neutralise('plain Überweisung …')).toBe('plain Überweisung …');
  });
});

describe('CLI output with hostile data', () => {
  it('neutralises escape sequences in issue list, issue show and log; --json stays exact', async () => {
    const { run } = cliWithStore();
    expect((await run('init', '--key', 'TW', '--name', 'Tidewater')).code).toBe(0);
    expect((await run('issue', 'add', HOSTILE_TITLE, '--severity', 'minor', '--key', 'X1', '--owner', 'Eve\x1b[2J')).code).toBe(0);
    expect((await run('issue', 'comment', 'X1', HOSTILE_COMMENT)).code).toBe(0);

    for (const args of [['issue', 'list'], ['issue', 'show', 'X1'], ['log'], ['log', 'X1']]) {
      const r = await run(...args);
      expect(r.code).toBe(0);
      expect(r.stdout, args.join(' ')).not.toMatch(UNSAFE);
      expect(r.stderr).toBe('');
      expect(r.stdout, args.join(' ')).toContain('\\x1b[31m');
    }
    const shown = (await run('issue', 'show', 'X1')).stdout;
    expect(shown).toContain('\\x1b]0;pwned\\x07');
    expect(shown).toContain('over\\x0dwritten');
    expect(shown).toContain('and\\x0dback');
    expect(shown).toContain('\\u202eevil');
    expect(shown).toContain('Eve\\x1b[2J');

    const json = (await run('--json', 'issue', 'show', 'X1')).json<Issue & { comments: { body: string }[] }>();
    expect(json.title).toBe(HOSTILE_TITLE);
    expect(json.owner).toBe('Eve\x1b[2J');
    expect(json.comments.map((c) => c.body)).toContain(HOSTILE_COMMENT);
    expect((await run('--json', 'issue', 'list')).json<Issue[]>()[0]!.title).toBe(HOSTILE_TITLE);
  });

  it('an error naming hostile data is neutralised on stderr', async () => {
    const { run } = cliWithStore();
    await run('init', '--key', 'TW', '--name', 'Tidewater');
    const r = await run('issue', 'show', 'NO\x1b]0;pwned\x07PE');
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(UNSAFE);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('errors with --json', () => {
  it('bad input: a JSON error on stdout, exit 2, nothing on stderr', async () => {
    const { run } = cliWithStore();
    await run('init', '--key', 'TW', '--name', 'Tidewater');
    const r = await run('--json', 'issue', 'add', 'Bad severity', '--severity', 'apocalyptic');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('');
    expect(r.json()).toEqual({ ok: false, error: 'bad_input', message: expect.stringContaining('severity') });

    const missing = await run('--json', 'issue', 'show', 'NOPE');
    expect(missing.code).toBe(2);
    expect(missing.json()).toMatchObject({ ok: false, error: 'not_found' });
  });

  it('a usage error is JSON too, exit 2', async () => {
    const { run } = cliWithStore();
    const r = await run('--json', 'issue', 'list', '--no-such-option');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('');
    expect(r.json()).toEqual({ ok: false, error: 'usage', message: expect.stringContaining('--no-such-option') });
  });

  it('a store failure: a JSON error on stdout, exit 3; without --json one line on stderr', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'punchlist-out-')), 'punchlist.db');
    const { run } = cliWithStore(db);
    expect((await run('init', '--key', 'TW', '--name', 'Tidewater')).code).toBe(0);
    const raw = new Sqlite(db);
    raw.prepare(`insert into kysely_migration (name, timestamp) values ('9999-from-the-future', '2030-01-01T00:00:00.000Z')`).run();
    raw.close();
    const r = await run('--json', 'issue', 'list');
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('');
    expect(r.json()).toMatchObject({ ok: false, error: expect.stringMatching(/^store_/), message: expect.any(String) });

    const plain = await run('issue', 'list');
    expect(plain.code).toBe(3);
    expect(plain.stdout).toBe('');
    expect(plain.stderr).toMatch(/^punchlist: [^\n]+\n$/);
  });
});
