// Fingerprints survive line moves, checked with the real linter: lint, insert lines at the top of
// the linted file, lint again, re-ingest: nothing new, nothing fixed. Runs the ESLint installed in
// the fixture workshop (see test/fixtures/ingest/README.md) when it is there; the committed
// before/after outputs of the same experiment are checked in reconcile.integration.test.ts.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sqliteFactory } from '../support/stores.js';
import { FIXTURE_ROOT } from './fixtures.js';
import { ingestText, withProject } from './helpers.js';

const eslintBin = join(FIXTURE_ROOT, 'node_modules/eslint/bin/eslint.js');
const available = existsSync(eslintBin) && existsSync(join(FIXTURE_ROOT, 'bot/handlers'));
const work = available ? mkdtempSync(join(FIXTURE_ROOT, 'live-')) : '';
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const lint = (format: string): string => {
  try {
    return execFileSync(process.execPath, [eslintBin, '-f', format, work], { cwd: FIXTURE_ROOT, encoding: 'utf8' });
  } catch (error) {
    // ESLint exits 1 when it finds problems: that is its answer, printed on stdout.
    return (error as { stdout: string }).stdout;
  }
};

describe.skipIf(!available)('line moves with the real ESLint', () => {
  it('inserting lines at the top of a linted file: nothing new, nothing fixed (JSON and SARIF)', async () => {
    cpSync(join(FIXTURE_ROOT, 'bot/handlers'), work, { recursive: true });
    const before = { json: lint('json'), sarif: lint('@microsoft/eslint-formatter-sarif') };
    for (const file of ['commands.js', 'moderation.js']) {
      const path = join(work, file);
      writeFileSync(path, `// a header\n// added by a refactoring\n\n\n${readFileSync(path, 'utf8')}`);
    }
    const after = { json: lint('json'), sarif: lint('@microsoft/eslint-formatter-sarif') };
    expect(after.json).not.toBe(before.json);
    const store = await sqliteFactory().open();
    const project = await withProject(store);
    for (const format of ['json', 'sarif'] as const) {
      const first = await ingestText(store, project, before[format], { scope: format });
      expect(first.reports[0]?.new).toBeGreaterThan(5);
      const moved = await ingestText(store, project, after[format], { scope: format });
      expect(moved.reports[0]).toMatchObject({ new: 0, fixed: 0, reopened: 0, issuesCreated: 0, issuesResolved: 0 });
    }
    await store.close();
  });
});
