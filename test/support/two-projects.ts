// A store with two projects built the way people build one, through the real CLI: TB from the
// example audit (three ingests, edits, a comment, a tick) and RM from the example roadmap (KPI
// values, two sign-offs). Project delete and restore compare every table of it before and after.
import { join } from 'node:path';
import { expect } from 'vitest';
import { fixturePath, FIXTURE_ROOT } from '../ingest/fixtures.js';
import { runCli } from './cli.js';
import { ROOT } from './paths.js';

export async function buildTwoProjects(db: string): Promise<void> {
  const ok = async (...args: string[]): Promise<void> => {
    const r = await runCli(['--db', db, '--as', 'tester', ...args]);
    expect(r.code, `punchlist ${args.join(' ')}: ${r.stderr}`).toBe(0);
  };
  await ok('import', join(ROOT, 'examples/audit.md'));
  await ok('--project', 'RM', 'import', join(ROOT, 'examples/roadmap.md'));
  const ingest = (...files: string[]) => ok('--project', 'TB', 'ingest', '--root', FIXTURE_ROOT, '--commit', 'c0ffee', ...files.map(fixturePath));
  await ingest('eslint.json');
  await ingest('vitest-junit.xml', 'coverage-summary.json');
  await ok('--project', 'TB', 'issue', 'update', 'TB-1', '--owner', 'Ann', '--severity', 'critical');
  await ok('--project', 'TB', 'issue', 'comment', 'TB-3', 'seen on staging');
  await ok('--project', 'TB', 'check', 'tick', 'manual-checks', '1');
  await ok('--project', 'RM', 'kpi', 'record', 'ci_success_rate', '91.5', '--at', '2026-11-20');
  await ok('--project', 'RM', 'approve', 'executive-approval-required', '1');
  await ok('--project', 'RM', 'issue', 'add', 'Flaky deploy step', '--severity', 'major');
  await ok('--project', 'RM', 'issue', 'comment', 'RM-1', 'on it');
}
