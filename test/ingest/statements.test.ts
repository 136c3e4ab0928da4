// Query-count pins for ingest on both stores, counted at the driver so nothing (Kysely's queries,
// raw prepared statements) escapes the count: an N+1 anywhere in the ingest fails here.
// - PostgreSQL (round trips): every pg query is counted. The number grows with batches of
//   PG_BATCH_ROWS rows, never with findings or issues.
// - SQLite (in process, no round trips): statements prepared and executions are counted. The bulk
//   writer executes one cached single-row statement per row written (faster than multi-row
//   statements here; see src/store/bulk.ts), so executions are exactly the rows written plus a
//   constant, and statements prepared are a constant: a per-issue or per-finding query would add
//   G or N executions and fail the pin.
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { generateSarif } from '../../bench/ingest-generate.js';
import type { Store } from '../../src/domain/ports.js';
import { updateIssue } from '../../src/services/issues.js';
import { storeContents } from '../support/contents.js';
import { type StoreFactory, storeFactories } from '../support/stores.js';
import { ingestText, withProject } from './helpers.js';

const counts = { executed: 0, prepared: 0, pg: 0 };
const restore: (() => void)[] = [];
function count(target: Record<string, unknown>, method: string, key: keyof typeof counts): void {
  const original = target[method] as (...args: unknown[]) => unknown;
  target[method] = function counted(this: unknown, ...args: unknown[]) {
    counts[key] += 1;
    return original.apply(this, args);
  };
  restore.push(() => (target[method] = original));
}
const probe = new Sqlite(':memory:');
const statementProto = Object.getPrototypeOf(probe.prepare('select 1')) as Record<string, unknown>;
for (const method of ['run', 'all', 'get', 'iterate']) count(statementProto, method, 'executed');
count(Sqlite.prototype as unknown as Record<string, unknown>, 'prepare', 'prepared');
count(pg.Client.prototype as unknown as Record<string, unknown>, 'query', 'pg');
afterAll(() => {
  for (const undo of restore) undo();
  probe.close();
});

const measure = async <T>(fn: () => Promise<T>): Promise<{ executed: number; prepared: number; pg: number; result: T }> => {
  counts.executed = 0;
  counts.prepared = 0;
  counts.pg = 0;
  const result = await fn();
  return { ...counts, result };
};

// Few files and rules, so the number of groups (issues) is the same at every size: 10 rules × 2 dirs.
const report = (results: number) => generateSarif({ results, rules: 10, files: 20 });
const GROUPS = 20;

async function scenario(factory: StoreFactory, results: number) {
  const store: Store = await factory.open();
  const project = await withProject(store);
  const text = report(results);
  const first = await measure(() => ingestText(store, project, text, { name: 'gen.sarif' }));
  const before = await storeContents(factory.lastLocation());
  const again = await measure(() => ingestText(store, project, text, { name: 'gen.sarif' }));
  const unchanged = JSON.stringify(await storeContents(factory.lastLocation())) === JSON.stringify(before);
  // A person's edit: the digest no longer matches, the full comparison runs (and writes nothing).
  const [issue] = await store.issues.list(project.id, { limit: 1 });
  if (issue === undefined) throw new Error('no issue');
  await updateIssue(store, project, issue.key, { owner: 'Ada' }, { actor: 'ada' });
  const edited = await storeContents(factory.lastLocation());
  const slow = await measure(() => ingestText(store, project, text, { name: 'gen.sarif' }));
  const slowUnchanged = JSON.stringify(await storeContents(factory.lastLocation())) === JSON.stringify(edited);
  // Everything fixed: every issue resolved, one event each.
  const fixed = await measure(() => ingestText(store, project, report(0), { name: 'gen.sarif' }));
  await store.close();
  return { first, again, slow, fixed, unchanged, slowUnchanged };
}

describe.each(storeFactories())('queries per ingest on $name', (factory) => {
  it('grow with batches, never with findings or issues; an unchanged re-ingest is a constant few reads', async () => {
    const small = await scenario(factory, 1_000);
    const large = await scenario(factory, 12_000);
    const summary = (s: typeof small) => Object.fromEntries((['first', 'again', 'slow', 'fixed'] as const).map((k) => [k, { executed: s[k].executed, prepared: s[k].prepared, pg: s[k].pg }]));
    if (process.env.SHOW_STATEMENTS) console.log(factory.name, summary(small), summary(large));
    expect(small.first.result.reports[0]?.issuesCreated).toBe(GROUPS);
    expect(large.first.result.reports[0]?.issuesCreated).toBe(GROUPS);
    // Nothing written by either re-ingest: every table's contents compared.
    expect([small.unchanged, small.slowUnchanged, large.unchanged, large.slowUnchanged]).toEqual([true, true, true, true]);
    expect(large.again.result.written).toBe(false);
    expect(large.fixed.result.reports[0]).toMatchObject({ fixed: 12_000, issuesResolved: GROUPS });
    if (factory.name === 'postgres') {
      // 11,000 more findings are 2 more insert batches of 5,000 (and the fixing ingest's update
      // is one statement at any size); nothing else moves.
      expect(large.first.pg - small.first.pg).toBe(2);
      expect(small.first.pg).toBe(PINS.postgres.first);
      expect([small.again.pg, large.again.pg]).toEqual([PINS.postgres.again, PINS.postgres.again]);
      expect([small.slow.pg, large.slow.pg]).toEqual([PINS.postgres.slow, PINS.postgres.slow]);
      // Fixed findings are marked in batches of 10,000 ids: 12,000 are one statement more.
      expect([small.fixed.pg, large.fixed.pg]).toEqual([PINS.postgres.fixed, PINS.postgres.fixed + 1]);
    } else {
      // One execution per row written (findings, issues, events), plus a constant.
      expect(small.first.executed).toBe(1_000 + GROUPS + (GROUPS + 1) + PINS.sqlite.first);
      expect(large.first.executed).toBe(12_000 + GROUPS + (GROUPS + 1) + PINS.sqlite.first);
      expect([small.again.executed, large.again.executed]).toEqual([PINS.sqlite.again, PINS.sqlite.again]);
      expect([small.slow.executed, large.slow.executed]).toEqual([PINS.sqlite.slow, PINS.sqlite.slow]);
      // Resolving 20 issues: one version-checked update and one event per issue (and fixed
      // findings marked in batches of 10,000 ids: 12,000 are one statement more).
      expect([small.fixed.executed, large.fixed.executed]).toEqual([GROUPS + (GROUPS + 1) + PINS.sqlite.fixed, GROUPS + (GROUPS + 1) + PINS.sqlite.fixed + 1]);
      // Statements prepared do not grow at all.
      for (const k of ['first', 'again', 'slow', 'fixed'] as const) expect(large[k].prepared).toBe(small[k].prepared);
      expect(small.first.prepared).toBe(PINS.sqlite.prepared);
    }
  });
});

/**
 * The constants, per store (each ingest also clears a crashed scan's record of the tool: 1).
 * SQLite first: + run, project counter, digests (2 reads, 1 upsert), snapshot (tally, upsert), the
 * phases' names (a new issue joins the phase that names its folder or tier), ...;
 * again: the recorded digests and the store digest (2 reads), nothing else; slow: + the findings
 * and the issues of the scope; prepared: distinct statements of a first ingest. PostgreSQL adds
 * BEGIN/COMMIT and the advisory lock of the (tool, scope). Change only with a reason.
 */
const PINS = {
  sqlite: { first: 12, again: 4, slow: 6, fixed: 11, prepared: 15 },
  postgres: { first: 18, again: 6, slow: 9, fixed: 16 },
};
