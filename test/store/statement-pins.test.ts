// Query-count pins for the register's reads, on both stores (DefectDojo pins these in CI): the
// statements of a list, a search, a report and an export do not grow with the number of issues
// or comments. An N+1 anywhere on these paths fails here.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAuditMarkdown } from '../../src/documents/parse-audit-markdown.js';
import type { Project } from '../../src/domain/model.js';
import type { Store } from '../../src/domain/ports.js';
import { applyDocument, exportDocument } from '../../src/services/project-document.js';
import { renderProjectReport } from '../../src/services/reports.js';
import { countStatements } from '../support/statement-count.js';
import { storeFactories } from '../support/stores.js';

const example = parseAuditMarkdown(readFileSync(new URL('../fixtures/documents/audit.md', import.meta.url), 'utf8'), { projectKey: 'TW' }).document;

async function storeWith(open: () => Promise<Store>, issues: number): Promise<{ store: Store; project: Project }> {
  const store = await open();
  await applyDocument(store, { ...example, issues: [] }, { actor: 'test' });
  const project = (await store.projects.get('TW'))!;
  await store.write(async (tx) => {
    const ids = await tx.issues.insertMany(project.id, Array.from({ length: issues }, (_, i) => ({
      key: `TW-${i + 1}`, title: `Issue ${i + 1} in the migration module`, severity: (['critical', 'major', 'medium', 'minor'] as const)[i % 4]!,
      status: (['backlog', 'blocked', 'resolved'] as const)[i % 3]!, owner: `Team ${i % 5}`, files: [`src/m${i}.ts`],
    })));
    await tx.issues.addComments([...ids.values()].map((issueId) => ({ issueId, author: 'a', body: 'looked', at: '2026-03-01T00:00:00.000Z' })));
  });
  return { store, project };
}

describe.each(storeFactories())('statements on $name', (factory) => {
  const stores: Store[] = [];
  let small: { store: Store; project: Project };
  let large: { store: Store; project: Project };

  beforeAll(async () => {
    small = await storeWith(() => factory.open(), 20);
    large = await storeWith(() => factory.open(), 1_200);
    stores.push(small.store, large.store);
  });
  afterAll(async () => {
    for (const s of stores) await s.close();
  });

  const pin = async (what: (s: { store: Store; project: Project }) => Promise<unknown>, expected: number) => {
    const a = await countStatements(() => what(small));
    const b = await countStatements(() => what(large));
    if (process.env.SHOW_STATEMENTS) console.log(factory.name, a.statements, b.statements);
    expect(b.statements).toBe(a.statements);
    expect(a.statements).toBe(expected);
  };

  it('a list, a filtered list, a search and a count are one statement each', async () => {
    await pin(({ store, project }) => store.issues.list(project.id), 1);
    await pin(({ store, project }) => store.issues.list(project.id, { severity: ['critical'], owner: 'team 1', open: true, limit: 50 }), 1);
    await pin(({ store, project }) => store.issues.list(project.id, { text: 'migr modu', limit: 50 }), 1);
    await pin(({ store, project }) => store.issues.list(project.id, { text: 'migr modu', sort: 'severity', limit: 51 }), 1);
    await pin(({ store, project }) => store.issues.count(project.id, { text: 'migration' }), 1);
  });

  it('the export reads the project, the issues, their comments and each section once', async () => {
    await pin(({ store, project }) => exportDocument(store, project.key), 14);
  });

  it('reports read a fixed number of statements, whatever the size', async () => {
    // The document (as the export, less comments), one count per ruled item and KPI, and the
    // escalation state (the last sweep and the live levels: two statements), and whether the
    // register holds any issue or tool run (an empty register is no evidence: two more).
    await pin(({ store, project }) => renderProjectReport(store, project, 'audit', 'md'), 41);
    await pin(({ store, project }) => renderProjectReport(store, project, 'roadmap', 'html'), 41);
    await pin(({ store, project }) => renderProjectReport(store, project, 'standup', 'md'), 43);
  });
});
