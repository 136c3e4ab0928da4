// Applying and exporting the project document on both stores: idempotent, lossless, atomic.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckItem } from '../../src/domain/document.js';
import type { Store } from '../../src/domain/ports.js';
import { parseAuditMarkdown } from '../../src/documents/parse-audit-markdown.js';
import { applyDocument, exportDocument } from '../../src/services/project-document.js';
import { buildDocument, buildIssue } from '../support/builders.js';
import { storeFactories } from '../support/stores.js';

describe.each(storeFactories())('project document on $name', (factory) => {
  let store: Store;
  beforeEach(async () => {
    store = await factory.open();
  });
  afterEach(async () => {
    await store.close();
  });

  const doc = buildDocument({
    issues: [
      buildIssue({ key: 'B001', severity: 'critical', createdAt: '2026-03-01T00:00:00.000Z', comments: [{ author: 'a', body: 'b', at: '2026-03-01T01:00:00.000Z' }] }),
      buildIssue({ key: 'M001', severity: 'major', createdAt: '2026-03-01T00:01:00.000Z', extra: { Notes: 'x' } }),
    ],
    kpis: [{ key: 'ci', name: 'CI', unit: '%', target: 95, comparator: '>=', phase: null, values: [{ value: 91.25, at: '2026-03-01T00:00:00.000Z' }] }],
    teams: [{ name: 'Data Team', focus: null, members: ['ann'], capacityHours: 32.5 }],
  });

  it('exports what was applied, and applying it again changes nothing', async () => {
    const first = await applyDocument(store, doc, { actor: 't' });
    expect(first).toMatchObject({ projectCreated: true, created: ['B001', 'M001'] });
    expect(await exportDocument(store, 'TW')).toEqual(doc);
    const events = (await store.events.list(first.project.id)).length;
    const second = await applyDocument(store, doc, { actor: 't' });
    expect(second).toMatchObject({ projectCreated: false, created: [], updated: [], unchanged: 2, sections: [] });
    expect(await store.events.list(first.project.id)).toHaveLength(events);
  });

  it('keeps the Markdown source and nested phases, replaces the source and removes it only on null', async () => {
    const parsed = parseAuditMarkdown('# Plan\n\n## Week 1: Setup\n\n### Day 1: Repo\n\n- [ ] Create it\n');
    const withSource = { ...doc, phases: parsed.document.phases, source: parsed.document.source };
    expect(withSource.phases.map((p) => p.parent ?? null)).toEqual([null, 'week-1']);
    await applyDocument(store, withSource, { actor: 't' });
    expect(await exportDocument(store, 'TW')).toEqual(withSource);
    expect((await applyDocument(store, withSource, { actor: 't' })).sections).toEqual([]);
    const { source: _source, ...without } = withSource;
    expect((await applyDocument(store, without, { actor: 't' })).sections).toEqual([]);
    expect((await exportDocument(store, 'TW')).source).toEqual(parsed.document.source);
    expect((await applyDocument(store, { ...without, source: null }, { actor: 't' })).sections).toEqual(['source']);
    expect((await exportDocument(store, 'TW')).source).toBeUndefined();
  });

  it('writes nothing on a dry run', async () => {
    const result = await applyDocument(store, doc, { actor: 't', dryRun: true });
    expect(result.created).toEqual(['B001', 'M001']);
    expect(await store.projects.list()).toEqual([]);
  });

  it('writes nothing when a rule is refused', async () => {
    const ruled = buildDocument({
      issues: [buildIssue({ key: 'B001' })],
      checklists: [{ key: 'dod', title: 'DoD', section: null, items: [{ text: 'x', done: false, rule: 'issues.open(', doneBy: null, doneAt: null }] }],
    });
    await expect(
      applyDocument(store, ruled, {
        actor: 't',
        validateRule: (rule, where) => {
          if (rule.endsWith('(')) throw Object.assign(new Error(`${where}: does not parse`), { code: 'bad_input' });
        },
      }),
    ).rejects.toThrow('document.checklists[0].items[0].rule: does not parse');
    expect(await store.projects.list()).toEqual([]);
  });
});

describe.each(storeFactories())('re-importing checklists on $name', (factory) => {
  it('keeps who ticked an item and when, when the document does not say', async () => {
    const store = await factory.open();
    const stamped: CheckItem = { text: 'Deploy to staging', done: true, rule: null, doneBy: 'Dana', doneAt: '2026-03-01T00:00:00.000Z' };
    const list = (items: CheckItem[]) => [{ key: 'staging', title: 'Staging Sign-off', section: null, items }];
    await applyDocument(store, buildDocument({ checklists: list([stamped, { ...stamped, text: 'Load test', done: false, doneBy: null, doneAt: null }]) }), { actor: 't' });
    // As a Markdown report says it: done, but not by whom; and the second item is now ticked.
    const fromMarkdown = list([{ ...stamped, doneBy: null, doneAt: null }, { ...stamped, text: 'Load test', doneBy: null, doneAt: null }]);
    await applyDocument(store, buildDocument({ checklists: fromMarkdown }), { actor: 't' });
    const items = (await exportDocument(store, 'TW')).checklists[0]!.items;
    expect(items[0]).toMatchObject({ done: true, doneBy: 'Dana', doneAt: '2026-03-01T00:00:00.000Z' });
    expect(items[1]).toMatchObject({ done: true, doneBy: null });
    await store.close();
  });
});
