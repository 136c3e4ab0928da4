// What the overview reads first: one request with every tier's counts (a grouped count on the
// server) and its first open issues. The router starts it while the page's code still loads.
import { queryOptions } from '@tanstack/react-query';
import type { OverviewSummary, SlaRow } from '../../../../../src/domain/views.ts';
import { api, url } from '../../../lib/api-client.ts';

export type { OverviewTier, TierIssue } from '../../../../../src/domain/views.ts';

export const TIER_ROWS = 10;

const p = (project: string) => `/api/projects/${encodeURIComponent(project)}`;

export const overviewQuery = (project: string) =>
  queryOptions({
    queryKey: [project, 'issues', 'overview', TIER_ROWS],
    queryFn: ({ signal }) => api<OverviewSummary>(url(`${p(project)}/overview`, { rows: TIER_ROWS }), { signal }),
  });

/** Open issues by time to breach of their escalation levels (the escalation service), overdue first. */
export const slaQuery = (project: string, limit: number) =>
  queryOptions({
    queryKey: [project, 'sla', limit],
    queryFn: async ({ signal }) => (await api<{ items: SlaRow[] }>(url(`${p(project)}/sla`, { limit }), { signal })).items,
  });
