// The standup reads counts, not the register: it must say exactly what the full model says.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAuditMarkdown } from '../../src/documents/parse-audit-markdown.js';
import { renderReport } from '../../src/documents/render-report.js';
import { addIssue, transitionIssue } from '../../src/services/issues.js';
import { applyDocument } from '../../src/services/project-document.js';
import { loadReportModel, loadStandupModel } from '../../src/services/reports.js';
import { storeFactories } from '../support/stores.js';

describe.each(storeFactories())('standup from counts on $name', (factory) => {
  it('renders the same standup as the full model', async () => {
    const store = await factory.open();
    const markdown = readFileSync(new URL('../fixtures/documents/audit.md', import.meta.url), 'utf8');
    await applyDocument(store, parseAuditMarkdown(markdown, { projectKey: 'TW' }).document, { actor: 't' });
    const project = (await store.projects.get('TW'))!;
    for (let i = 0; i < 12; i++) {
      const issue = await addIssue(store, project, { title: `Blocked thing ${i}`, severity: 'critical' }, { actor: 't' });
      await transitionIssue(store, project, issue.key, 'block', { actor: 't' });
    }
    await transitionIssue(store, project, 'B001', 'resolve', { actor: 't' });
    const now = new Date('2026-03-10T09:00:00Z');
    const full = await loadReportModel(store, project, now);
    const lean = await loadStandupModel(store, project, now);
    expect(lean.tiers).toEqual(full.tiers);
    expect(renderReport('standup', lean, 'md')).toBe(renderReport('standup', full, 'md'));
    expect(renderReport('standup', lean, 'html')).toBe(renderReport('standup', full, 'html'));
    await store.close();
  });
});
