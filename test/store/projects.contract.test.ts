import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/domain/ports.js';
import { storeFactories } from '../support/stores.js';

describe.each(storeFactories())('projects, events and sections on $name', (factory) => {
  let store: Store;
  beforeEach(async () => {
    store = await factory.open();
  });
  afterEach(async () => {
    await store.close();
  });

  const doc = (key: string) => ({ key, name: `Project ${key}`, title: null, owner: null, date: null, status: null, summary: null });

  it('holds several projects and refuses a duplicate key', async () => {
    await store.projects.insert(doc('TW'));
    await store.projects.insert(doc('OPS'));
    expect((await store.projects.list()).map((p) => p.key)).toEqual(['TW', 'OPS']);
    await expect(store.projects.insert(doc('TW'))).rejects.toMatchObject({ code: 'duplicate' });
  });

  it('versions project updates', async () => {
    const p = await store.projects.insert(doc('TW'));
    const updated = await store.projects.update(p.id, { status: 'TRIAGE' }, p.version);
    expect(updated).toMatchObject({ status: 'TRIAGE', version: 2 });
    await expect(store.projects.update(p.id, { status: 'x' }, p.version)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('appends events and lists them oldest first, by entity', async () => {
    const p = await store.projects.insert(doc('TW'));
    await store.events.append(p.id, [
      { actor: 'ann', action: 'issue.created', entity: 'issue', entityKey: 'B1', data: { after: { title: 'x' } } },
      { actor: 'bob', action: 'issue.updated', entity: 'issue', entityKey: 'B1', data: { changes: { owner: [null, 'bob'] } } },
      { actor: 'bob', action: 'issue.created', entity: 'issue', entityKey: 'B2', data: {} },
    ]);
    const b1 = await store.events.list(p.id, { entityKey: 'B1' });
    expect(b1.map((e) => e.action)).toEqual(['issue.created', 'issue.updated']);
    expect(b1[1]?.data).toEqual({ changes: { owner: [null, 'bob'] } });
    expect(await store.events.list(p.id, { limit: 1 })).toHaveLength(1);
  });

  it('replaces sections and loads them back in order', async () => {
    const p = await store.projects.insert(doc('TW'));
    const sections = {
      phases: [
        { key: 'phase-1', name: 'Blockers', order: 0, state: 'active' as const, label: 'ACTIVE', window: 'Day 1-3', branch: 'fix/x', hours: 60, deliverables: ['a'], items: [{ text: 'Fix it', done: true, rule: null, doneBy: 'ann', doneAt: '2026-03-01T00:00:00.000Z' }] },
      ],
      checklists: [{ key: 'dod', title: 'Definition of Done', section: 'DONE MEANS', items: [{ text: '0 open blockers', done: false, rule: 'issues.open(["critical"]) == 0', doneBy: null, doneAt: null }] }],
      kpis: [{ key: 'ci_success_rate', name: 'CI success rate', unit: '%', target: 95, comparator: '>=' as const, phase: 'phase-1', values: [{ value: 91.5, at: '2026-03-01T00:00:00.000Z' }] }],
      risks: [{ title: 'Tax fix changes totals', category: 'Technical', mitigation: 'cut-over', likelihood: null, impact: null, owner: null, status: 'open' }],
      teams: [{ name: 'Platform Lead', focus: 'release', members: [], capacityHours: 40 }],
      escalation: [{ level: 1, afterMinutes: 240, scope: 'Release blockers', severities: ['critical' as const], contacts: ['Platform Lead'], resolution: 'Hotfix', businessHours: true, phases: ['p1'], labels: [], owners: ['Ann'], channels: ['ops'], repeatMinutes: 30 }],
      actions: [{ title: 'Migration DB', kind: 'action' as const, estimateMinutes: 180, snippet: 'initdb', snippetLang: 'bash' }],
      notes: [{ section: 'Success Definition', markdown: 'Green pipeline' }],
    };
    await store.sections.replace(p.id, sections);
    expect(await store.sections.load(p.id)).toEqual(sections);
    // KPI values accumulate: replacing the KPI list keeps recorded history.
    await store.sections.replace(p.id, { kpis: [{ ...sections.kpis[0]!, values: [] }] });
    expect((await store.sections.load(p.id)).kpis[0]?.values).toHaveLength(1);
    await store.sections.replace(p.id, { risks: [] });
    const after = await store.sections.load(p.id);
    expect(after.risks).toEqual([]);
    expect(after.teams).toHaveLength(1);
  });
});
