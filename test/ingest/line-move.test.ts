// Fingerprints survive line moves, from the real ESLint output of both versions of the code,
// committed in test/fixtures/ingest (see its README): eslint.json/.sarif linted the workshop as
// it was, eslint-moved.json/.sarif linted it again after three lines were inserted at the top of
// bot/handlers/commands.js. Nothing is generated at test time, so this runs in CI on both stores:
// the re-ingest of the moved output finds nothing new, nothing fixed, and touches no issue.
import { describe, expect, it } from 'vitest';
import { storeFactories } from '../support/stores.js';
import { fixture } from './fixtures.js';
import { ingestText, withProject } from './helpers.js';

interface EslintFile {
  filePath: string;
  messages: Array<{ ruleId: string | null; line: number; column: number; message: string }>;
}

const lines = (text: string) => (JSON.parse(text) as EslintFile[]).filter((f) => f.messages.length > 0).map((f) => ({ file: f.filePath, messages: f.messages }));

describe('the committed before/after outputs are one line move', () => {
  it('the same findings, those of commands.js three lines lower, the rest where they were', () => {
    const before = lines(fixture('eslint.json'));
    const after = lines(fixture('eslint-moved.json'));
    expect(after.map((f) => f.file)).toEqual(before.map((f) => f.file));
    before.forEach((file, i) => {
      const shift = file.file.endsWith('/bot/handlers/commands.js') ? 3 : 0;
      // Fix ranges are character offsets and move by the inserted text; rule, message and column do not.
      const where = (m: EslintFile['messages'][number], by = 0) => [m.ruleId, m.message, m.line + by, m.column];
      expect(after[i]!.messages.map((m) => where(m))).toEqual(file.messages.map((m) => where(m, shift)));
    });
    expect(before.find((f) => f.file.endsWith('/bot/handlers/commands.js'))?.messages.length).toBeGreaterThan(0);
    expect(fixture('eslint-moved.sarif')).not.toBe(fixture('eslint.sarif'));
  });
});

describe.each(storeFactories())('line moves on $name', (factory) => {
  it.each([
    ['ESLint JSON', 'eslint.json', 'eslint-moved.json'],
    ['SARIF', 'eslint.sarif', 'eslint-moved.sarif'],
  ])('%s: re-ingesting after the move finds nothing new and fixes nothing', async (_format, before, after) => {
    const store = await factory.open();
    try {
      const project = await withProject(store);
      const first = await ingestText(store, project, fixture(before));
      expect(first.reports[0]?.new).toBe(10);
      const issues = await store.issues.list(project.id);
      const moved = await ingestText(store, project, fixture(after));
      expect(moved.reports[0]).toMatchObject({ new: 0, fixed: 0, reopened: 0, unchanged: 10, issuesCreated: 0, issuesResolved: 0 });
      expect((await store.issues.list(project.id)).map((i) => [i.key, i.status, i.version])).toEqual(issues.map((i) => [i.key, i.status, i.version]));
    } finally {
      await store.close();
    }
  });
});
