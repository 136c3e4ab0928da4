// Test builders: the smallest valid thing, with overrides.
import type { IssueDoc, ProjectDocument } from '../../src/domain/document.js';
import { parseDocument } from '../../src/services/project-document.js';

export function buildIssue(overrides: Partial<IssueDoc> & { key: string }): IssueDoc {
  return {
    title: `Issue ${overrides.key}`,
    severity: 'major',
    status: 'backlog',
    owner: null,
    estimateMinutes: null,
    dueDate: null,
    files: [],
    phase: null,
    labels: [],
    links: [],
    source: 'manual',
    description: null,
    extra: {},
    createdAt: null,
    startedAt: null,
    resolvedAt: null,
    comments: [],
    ...overrides,
  };
}

export function buildDocument(overrides: Partial<ProjectDocument> = {}): ProjectDocument {
  return parseDocument({
    version: 1,
    project: { key: 'TW', name: 'Tidewater Billing', title: null, owner: null, date: null, status: null, summary: null },
    ...overrides,
  });
}
