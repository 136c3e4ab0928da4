// The environment refuses cleanly: a read-only store file or directory, a full disk, a store
// written by a newer punchlist — one line and exit 3 from the built CLI, never "internal error"
// (exit 70). As root (CI), the CLI runs without the capabilities that bypass file modes
// (setpriv drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH), so modes hold while the checkout
// stays readable wherever it was cloned; the full disk is a real, tiny tmpfs (root only).
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/paths.js';

const isRoot = process.getuid?.() === 0;
const BIN = join(ROOT, 'bin/punchlist.js');

function cli(db: string, ...args: string[]) {
  const argv = ['--db', db, '--as', 'tester', ...args];
  const [file, rest] = isRoot
    ? ['setpriv', ['--bounding-set=-dac_override,-dac_read_search', '--', process.execPath, BIN, ...argv]] : [process.execPath, [BIN, ...argv]];
  const r = spawnSync(file, rest, { encoding: 'utf8', env: { ...process.env, PUNCHLIST_USER: 'tester' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, lines: r.stderr.trim().split('\n') };
}

/** A directory the CLI's user owns, with a store holding one issue. */
function storeDir(parent = mkdtempSync(join(tmpdir(), 'punchlist-env-'))): { dir: string; db: string } {
  chmodSync(parent, 0o777);
  const dir = join(parent, 'store');
  mkdirSync(dir, { mode: 0o777 });
  chmodSync(dir, 0o777);
  const db = join(dir, 'punchlist.db');
  expect(cli(db, 'init', '--key', 'TW', '--name', 'Tidewater').code).toBe(0);
  expect(cli(db, 'issue', 'add', 'First', '--severity', 'major').code).toBe(0);
  return { dir, db };
}

describe('the store environment', () => {
  it('a read-only store file: reads work, a write is one line and exit 3', () => {
    const { db } = storeDir();
    chmodSync(db, 0o444);
    expect(cli(db, 'issue', 'list').code).toBe(0);
    const r = cli(db, 'issue', 'add', 'Second', '--severity', 'minor');
    expect(r.code).toBe(3);
    expect(r.lines).toHaveLength(1);
    expect(r.stderr).toMatch(/^punchlist: store: .*read-only/);
  });

  it('a read-only store directory: one line and exit 3', () => {
    const { dir, db } = storeDir();
    chmodSync(dir, 0o555);
    const r = cli(db, 'issue', 'add', 'Second', '--severity', 'minor');
    expect(r.code).toBe(3);
    expect(r.lines).toHaveLength(1);
    expect(r.stderr).toMatch(/^punchlist: store: /);
    expect(r.stderr).not.toMatch(/internal error/);
  });

  it('a store written by a newer punchlist says so and is not touched', () => {
    const { db } = storeDir();
    const raw = new Sqlite(db);
    raw.prepare(`insert into kysely_migration (name, timestamp) values ('9999-from-the-future', '2030-01-01T00:00:00.000Z')`).run();
    raw.close();
    const r = cli(db, 'issue', 'list');
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('punchlist: store: its schema is newer than this punchlist (it has migration 9999-from-the-future); upgrade punchlist\n');
  });

  describe.skipIf(!isRoot)('a full disk (a 2 MB tmpfs)', () => {
    const mount = mkdtempSync(join(tmpdir(), 'punchlist-full-'));
    afterAll(() => {
      spawnSync('umount', [mount]);
      rmSync(mount, { recursive: true, force: true });
    });

    it('a write that does not fit is one line and exit 3, and leaves the store as it was', () => {
      const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mount]);
      if (mounted.status !== 0) return; // no mount privilege here (a container without CAP_SYS_ADMIN)
      const { db } = storeDir(mount);
      // Fill what is left of the disk.
      const filler = join(mount, 'filler');
      try {
        for (let i = 0; ; i++) writeFileSync(`${filler}-${i}`, Buffer.alloc(64 * 1024));
      } catch {
        // ENOSPC: full
      }
      const big = 'x'.repeat(90_000);
      const r = cli(db, 'issue', 'add', 'Too big for the disk', '--severity', 'minor', '--description', big);
      expect(r.code).toBe(3);
      expect(r.lines).toHaveLength(1);
      expect(r.stderr).toMatch(/^punchlist: store: .*the disk (holding .* )?is full/);
      expect(existsSync(db)).toBe(true);
      // Space freed, the store is as it was: nothing half-written.
      for (let i = 0; existsSync(`${filler}-${i}`); i++) rmSync(`${filler}-${i}`);
      const list = cli(db, '--json', 'issue', 'list');
      expect(list.code).toBe(0);
      expect((JSON.parse(list.stdout) as { title: string }[]).map((i) => i.title)).toEqual(['First']);
    });
  });
});
