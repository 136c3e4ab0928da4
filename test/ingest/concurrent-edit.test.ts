// A person's edit that commits while an ingest runs is never overwritten (SPEC §6, issue 8):
// on PostgreSQL, with a real second writer. The person's transaction has changed two issues and
// not yet committed when the ingest reads them; the ingest plans to resolve both, then its
// version-checked bulk update waits on the person's row locks; the person commits; the ingest
// finds both versions moved, re-reads them locked and keeps the person's edits: the status the
// person set stays (that field is skipped), the issue whose owner alone changed is still resolved.
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Project } from '../../src/domain/model.js';
import type { Store } from '../../src/domain/ports.js';
import { openPostgresStore } from '../../src/store/postgres.js';
import { postgresFactory } from '../support/stores.js';
import { ingestText, withProject } from './helpers.js';

const sarif = (results: { rule: string; file: string; fp: string }[]): string =>
  JSON.stringify({
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Lint', rules: [{ id: 'no-a' }, { id: 'no-b' }] } },
        results: results.map((r) => ({
          ruleId: r.rule,
          level: 'error',
          message: { text: `${r.rule} here` },
          locations: [{ physicalLocation: { artifactLocation: { uri: r.file }, region: { startLine: 3 } } }],
          partialFingerprints: { primaryLocationLineHash: r.fp },
        })),
      },
    ],
  });

const factory = postgresFactory();

describe.skipIf(factory === null)('a person edits issues while an ingest is writing them (PostgreSQL)', () => {
  let store: Store;
  let person: Store;
  let project: Project;
  let observer: pg.Client;
  beforeEach(async () => {
    store = await (factory as NonNullable<typeof factory>).open();
    const location = (factory as NonNullable<typeof factory>).lastLocation();
    person = await openPostgresStore(location, { poolSize: 1 });
    observer = new pg.Client({ connectionString: location });
    await observer.connect();
    project = await withProject(store);
  });
  afterEach(async () => {
    await observer.end();
    await person.close();
    await store.close();
  });

  it('keeps the edit: the field the person changed is skipped, the rest of the ingest lands', async () => {
    const first = await ingestText(store, project, sarif([
      { rule: 'no-a', file: 'src/a.js', fp: 'a1' },
      { rule: 'no-b', file: 'src/b.js', fp: 'b1' },
    ]));
    expect(first.reports[0]?.issuesCreated).toBe(2);
    const issues = await store.issues.list(project.id);
    const byRule = (rule: string) => issues.find((i) => i.title.includes(rule)) as (typeof issues)[number];
    const [a, b] = [byRule('no-a'), byRule('no-b')];

    // The person's transaction: A's status, B's owner, held open (uncommitted) until released.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let edited!: () => void;
    const editing = new Promise<void>((resolve) => (edited = resolve));
    const edit = person.write(async (tx) => {
      await tx.issues.update(a.id, { status: 'in_progress' }, a.version);
      await tx.issues.update(b.id, { owner: 'Ada' }, b.version);
      edited();
      await released;
    });
    await editing;

    // Both findings gone: the ingest reads A and B at their old versions and plans to resolve both.
    const ingest = ingestText(store, project, sarif([]));
    // Wait until the ingest's write is blocked on the person's row locks ...
    for (let i = 0; ; i++) {
      const { rows } = await observer.query<{ n: string }>(
        `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE 'update issues%'`,
      );
      if (Number(rows[0]?.n) > 0) break;
      if (i > 500) throw new Error('the ingest never reached its issue update');
      await new Promise((r) => setTimeout(r, 10));
    }
    // ... then the person commits, between the ingest's read and its write.
    release();
    await edit;
    const outcome = await ingest;

    const after = new Map((await store.issues.list(project.id)).map((i) => [i.id, i]));
    expect(after.get(a.id)).toMatchObject({ status: 'in_progress', resolvedAt: null });
    expect(after.get(b.id)).toMatchObject({ status: 'resolved', owner: 'Ada' });
    expect(after.get(b.id)?.resolvedAt).not.toBeNull();
    expect(outcome.reports[0]).toMatchObject({ fixed: 2, issuesResolved: 1 });
    const events = await store.events.list(project.id);
    expect(events.filter((e) => e.action === 'issue.resolved').map((e) => e.entityKey)).toEqual([b.key]);
    // The run records what was done, not what was planned.
    const { rows } = await observer.query<{ stats: string }>('SELECT stats FROM runs ORDER BY id DESC LIMIT 1');
    expect(JSON.parse(rows[0]?.stats ?? '{}')).toMatchObject({ issuesResolved: 1, fixed: 2 });
  });
});
