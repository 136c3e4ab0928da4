// The store contract, issues part: the same assertions on SQLite and on PostgreSQL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Project } from '../../src/domain/model.js';
import type { Store } from '../../src/domain/ports.js';
import { storeFactories } from '../support/stores.js';

describe.each(storeFactories())('issues on $name', (factory) => {
  let store: Store;
  let project: Project;

  beforeEach(async () => {
    store = await factory.open();
    project = await store.projects.insert({ key: 'TW', name: 'Tidewater', title: null, owner: null, date: null, status: null, summary: null });
  });
  afterEach(async () => {
    await store.close();
  });

  it('inserts and reads back every field', async () => {
    const created = await store.issues.insert(project.id, {
      key: 'B001',
      title: 'Invoice PDF renderer crashes',
      severity: 'critical',
      status: 'in_progress',
      owner: 'Platform Lead',
      estimateMinutes: 45,
      files: ['services/invoices/render.ts'],
      labels: ['pdf', 'billing'],
      extra: { Notes: 'seen in prod' },
      dueDate: '2026-03-31',
    });
    const read = await store.issues.get(project.id, 'B001');
    expect(read).toEqual(created);
    expect(read).toMatchObject({
      severity: 'critical',
      status: 'in_progress',
      estimateMinutes: 45,
      files: ['services/invoices/render.ts'],
      labels: ['pdf', 'billing'],
      extra: { Notes: 'seen in prod' },
      version: 1,
    });
  });

  it('a constraint the driver reports is a clean refusal on both stores, not an internal error', async () => {
    const one = [{ key: 'B001', title: 'a', severity: 'major' as const }];
    await store.write((tx) => tx.issues.insertMany(project.id, one));
    // insertMany has no pre-check: the unique index refuses, and the adapter maps it.
    await expect(store.write((tx) => tx.issues.insertMany(project.id, one))).rejects.toMatchObject({ code: 'duplicate', exitCode: 2 });
  });

  it('refuses a duplicate key', async () => {
    await store.issues.insert(project.id, { key: 'B001', title: 'a', severity: 'major' });
    await expect(store.issues.insert(project.id, { key: 'B001', title: 'b', severity: 'major' })).rejects.toMatchObject({ code: 'duplicate' });
  });

  it('lists by severity, then age, and filters', async () => {
    const at = (n: number) => new Date(Date.UTC(2026, 2, 1, 0, n)).toISOString();
    await store.issues.insert(project.id, { key: 'M1', title: 'minor old', severity: 'minor', createdAt: at(1) });
    await store.issues.insert(project.id, { key: 'C2', title: 'critical new', severity: 'critical', createdAt: at(5) });
    await store.issues.insert(project.id, { key: 'C1', title: 'critical old', severity: 'critical', createdAt: at(2), owner: 'Data Team', labels: ['db'] });
    await store.issues.insert(project.id, { key: 'J1', title: 'Major 100% done_thing', severity: 'major', status: 'resolved', createdAt: at(3), phase: 'p1' });
    expect((await store.issues.list(project.id)).map((i) => i.key)).toEqual(['C1', 'C2', 'J1', 'M1']);
    expect((await store.issues.list(project.id, { severity: ['critical'] })).map((i) => i.key)).toEqual(['C1', 'C2']);
    expect((await store.issues.list(project.id, { open: true })).map((i) => i.key)).toEqual(['C1', 'C2', 'M1']);
    expect((await store.issues.list(project.id, { owner: 'data team' })).map((i) => i.key)).toEqual(['C1']);
    expect((await store.issues.list(project.id, { label: 'db' })).map((i) => i.key)).toEqual(['C1']);
    expect((await store.issues.list(project.id, { phase: 'p1' })).map((i) => i.key)).toEqual(['J1']);
    // (A search is ranked by relevance, which the engines compute differently among near ties.)
    expect((await store.issues.list(project.id, { text: 'OLD' })).map((i) => i.key).sort()).toEqual(['C1', 'M1']);
    // Search is by word prefix (test/store/search.contract.test.ts); punctuation only separates.
    expect((await store.issues.list(project.id, { text: '100%' })).map((i) => i.key)).toEqual(['J1']);
    expect((await store.issues.list(project.id, { text: 'done_th' })).map((i) => i.key)).toEqual(['J1']);
    expect((await store.issues.list(project.id, { text: 'e_t' })).map((i) => i.key)).toEqual([]);
    expect((await store.issues.list(project.id, { limit: 2, offset: 1 })).map((i) => i.key)).toEqual(['C2', 'J1']);
    expect(await store.issues.count(project.id, { open: true })).toBe(3);
  });

  it('pages through several severities in either direction as the whole order does, a severity at a time', async () => {
    const at = (n: number) => new Date(Date.UTC(2026, 2, 1, 0, n)).toISOString();
    const severities = ['critical', 'major', 'medium', 'minor'] as const;
    const issues = Array.from({ length: 40 }, (_, i) => ({
      key: `B${i}`,
      title: i % 3 === 0 ? `renderer ${i}` : `other ${i}`,
      severity: severities[(i * 7) % 4]!,
      createdAt: at(i % 9), // ties on the age: the id decides
    }));
    await store.write((tx) => tx.issues.insertMany(project.id, issues));
    for (const descending of [false, true]) {
      for (const [chosen, text] of [[['medium', 'critical', 'minor'], undefined], [['major', 'minor'], undefined], [['critical', 'minor'], 'renderer']] as const) {
        const filter = { severity: [...chosen], sort: 'severity' as const, descending, ...(text ? { text } : {}) };
        const whole = (await store.issues.list(project.id, { ...filter, severity: undefined })).filter((i) => (chosen as readonly string[]).includes(i.severity));
        const paged: string[] = [];
        let after: (string | number)[] | undefined;
        for (;;) {
          const page = await store.issues.list(project.id, { ...filter, limit: 4, ...(after ? { after } : {}) });
          paged.push(...page.map((i) => i.key));
          if (page.length < 4) break;
          const last = page[page.length - 1]!;
          after = [last.severity, last.createdAt, last.id];
        }
        expect(paged).toEqual(whole.map((i) => i.key));
      }
    }
  });

  it('refuses a stale update and never loses one', async () => {
    const issue = await store.issues.insert(project.id, { key: 'B1', title: 'a', severity: 'major' });
    const first = await store.issues.update(issue.id, { owner: 'Ann' }, issue.version);
    expect(first.version).toBe(2);
    await expect(store.issues.update(issue.id, { owner: 'Bob' }, issue.version)).rejects.toMatchObject({ code: 'conflict' });
    expect((await store.issues.get(project.id, 'B1'))?.owner).toBe('Ann');
  });

  it('lets exactly one of two concurrent writers win', async () => {
    const issue = await store.issues.insert(project.id, { key: 'B1', title: 'a', severity: 'major' });
    const results = await Promise.allSettled([
      store.write((tx) => tx.issues.update(issue.id, { owner: 'Ann' }, issue.version)),
      store.write((tx) => tx.issues.update(issue.id, { owner: 'Bob' }, issue.version)),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect(rejected?.reason).toMatchObject({ code: 'conflict' });
    const final = await store.issues.get(project.id, 'B1');
    expect(final?.version).toBe(2);
  });

  it('rolls back a write that fails half-way', async () => {
    await expect(
      store.write(async (tx) => {
        await tx.issues.insert(project.id, { key: 'X1', title: 'a', severity: 'major' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store.issues.get(project.id, 'X1')).toBeNull();
  });

  it('keeps comments and tallies counts', async () => {
    const issue = await store.issues.insert(project.id, { key: 'B1', title: 'a', severity: 'critical', phase: 'p1' });
    await store.issues.insert(project.id, { key: 'B2', title: 'b', severity: 'critical', status: 'resolved', phase: 'p1' });
    await store.issues.addComment(issue.id, 'ann', 'first', '2026-03-01T00:00:00.000Z');
    await store.issues.addComment(issue.id, 'bob', 'second', '2026-03-02T00:00:00.000Z');
    expect((await store.issues.comments(issue.id)).map((c) => c.body)).toEqual(['first', 'second']);
    expect((await store.issues.commentsOfProject(project.id)).get(issue.id)).toHaveLength(2);
    const tally = await store.issues.tally(project.id);
    expect(tally).toEqual(
      expect.arrayContaining([
        { severity: 'critical', status: 'backlog', phase: 'p1', count: 1 },
        { severity: 'critical', status: 'resolved', phase: 'p1', count: 1 },
      ]),
    );
  });

  it('bulk-inserts issues and comments with every field, in batches', async () => {
    const many = Array.from({ length: 1_203 }, (_, i) => ({
      key: `K${i}`,
      title: `Issue ${i}`,
      severity: (['critical', 'major', 'medium', 'minor'] as const)[i % 4]!,
      status: 'resolved' as const,
      owner: i % 2 ? 'Ann' : null,
      estimateMinutes: i,
      files: [`src/f${i}.ts`],
      labels: ['bulk'],
      extra: { Col: `${i}` },
      createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
      resolvedAt: '2026-02-01T00:00:00.000Z',
    }));
    const ids = await store.write((tx) => tx.issues.insertMany(project.id, many));
    expect(ids.size).toBe(1_203);
    await store.issues.addComments([{ issueId: ids.get('K7')!, author: 'ann', body: 'hello', at: '2026-03-01T00:00:00.000Z' }]);
    const k7 = await store.issues.get(project.id, 'K7');
    expect(k7).toMatchObject({ id: ids.get('K7'), severity: 'minor', status: 'resolved', owner: 'Ann', estimateMinutes: 7, files: ['src/f7.ts'], labels: ['bulk'], extra: { Col: '7' }, version: 1, resolvedAt: '2026-02-01T00:00:00.000Z' });
    expect((await store.issues.comments(k7!.id)).map((c) => c.body)).toEqual(['hello']);
    expect(await store.issues.count(project.id, { label: 'bulk' })).toBe(1_203);
  });

  it('reserves issue numbers without gaps or repeats', async () => {
    const a = await store.projects.reserveIssueNumbers(project.id, 1);
    const b = await store.projects.reserveIssueNumbers(project.id, 3);
    const c = await store.projects.reserveIssueNumbers(project.id, 1);
    expect([a, b, c]).toEqual([1, 2, 5]);
  });
});
