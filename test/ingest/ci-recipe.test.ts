// The README's CI recipe, run as written on a clean project: the punchlist lines of its code
// block, with the built CLI in place of `npx punchlist`, on real output of the four tools
// (test/fixtures/ci-recipe) in a fresh directory with no store.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../support/paths.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

function recipe(): string[] {
  const block = /In CI,[^\n]*\n\n```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  return block.split('\n').filter((line) => line.startsWith('npx punchlist '));
}

describe("the README's CI recipe", () => {
  it('has punchlist commands to run', () => {
    expect(recipe().length).toBeGreaterThanOrEqual(3);
    expect(readme).toMatch(/`--coverage`\s+needs\s+`@vitest\/coverage-v8`/);
  });

  it('works on a clean project, from an empty store: ingest, then the gate passes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'punchlist-ci-recipe-'));
    cpSync(join(ROOT, 'test/fixtures/ci-recipe'), dir, { recursive: true });
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, '');
    const env: NodeJS.ProcessEnv = { ...process.env, GIT_SHA: 'abc1234', GITHUB_STEP_SUMMARY: summary, PUNCHLIST_USER: 'ci' };
    delete env.PUNCHLIST_DB;
    delete env.DATABASE_URL;
    for (const line of recipe()) {
      const command = line.replace(/^npx punchlist /, `"${process.execPath}" "${BIN}" `);
      try {
        execFileSync('sh', ['-c', command], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
      } catch (error) {
        const e = error as { status: number; stderr: string };
        throw new Error(`"${line}" exited ${e.status}: ${e.stderr}`);
      }
    }
    expect(existsSync(join(dir, '.punchlist'))).toBe(true);
    const gate = JSON.parse(readFileSync(join(dir, 'gate.json'), 'utf8')) as { passed: boolean; items: { status: string }[] };
    expect(gate.passed).toBe(true);
    expect(gate.items.map((i) => i.status)).toEqual(['pass', 'pass', 'pass']);
    expect(readFileSync(summary, 'utf8')).toContain('Gate `definition-of-done`');
  });
});
