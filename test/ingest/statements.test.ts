// An ingest's statement count grows with batches, not with findings: counted at the driver, so
// nothing (Kysely's queries, raw prepared statements) escapes the count.
import Sqlite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { generateSarif } from '../../bench/ingest-generate.js';
import { sqliteFactory } from '../support/stores.js';
import { ingestText, withProject } from './helpers.js';

const probe = new Sqlite(':memory:');
const proto = Object.getPrototypeOf(probe.prepare('select 1')) as Record<string, (...args: unknown[]) => unknown>;
let executed = 0;
const originals: Record<string, (...args: unknown[]) => unknown> = {};
for (const method of ['run', 'all', 'get', 'iterate']) {
  const original = proto[method] as (...args: unknown[]) => unknown;
  originals[method] = original;
  proto[method] = function counted(this: unknown, ...args: unknown[]) {
    executed += 1;
    return original.apply(this, args);
  };
}
afterAll(() => {
  Object.assign(proto, originals);
  probe.close();
});

async function statementsFor(results: number) {
  const store = await sqliteFactory().open();
  const project = await withProject(store);
  // Few files and rules, so the number of groups (issues) is the same at every size.
  const text = generateSarif({ results, rules: 10, files: 20 });
  executed = 0;
  const first = await ingestText(store, project, text, { name: 'gen.sarif' });
  const firstCount = executed;
  executed = 0;
  const again = await ingestText(store, project, text, { name: 'gen.sarif' });
  const againCount = executed;
  await store.close();
  return { first: firstCount, again: againCount, created: first.reports[0]?.issuesCreated, written: again.written };
}

describe('statements per ingest', () => {
  it('grow with batches of 500, not with findings', async () => {
    const small = await statementsFor(1_000);
    const large = await statementsFor(5_000);
    if (process.env.SHOW_STATEMENTS) console.log(small, large);
    expect(small.created).toBe(large.created);
    // 4,000 more findings are 8 more insert batches, nothing else.
    expect(large.first - small.first).toBe(8);
    // 8 for the findings, issues, events and run, plus 2 for the day's snapshot (tally, upsert),
    // plus 1 that clears a crashed scan's record of the tool (src/services/scan.ts).
    expect(small.first).toBe(11);
    // An unchanged re-ingest reads (findings, issues) and writes nothing, at any size.
    expect(large.again).toBe(small.again);
    expect(large.written).toBe(false);
    expect(small.again).toBeLessThanOrEqual(3);
  });
});
