// What the overview reads: per tier, the open issues (first ten) with the count of all of them.
import { queryOptions } from '@tanstack/react-query';
import type { Issue } from '../../../../../src/domain/model.ts';
import { api, url } from '../../../lib/api-client.ts';
import { OPEN_STATUSES, type Severity } from '../../../lib/format.ts';

export type TierIssue = Pick<Issue, 'key' | 'title' | 'owner' | 'status' | 'estimateMinutes' | 'dueDate' | 'phase'>;
export interface Tier {
  items: TierIssue[];
  total: number;
}

export const TIER_ROWS = 10;

export const tierQuery = (project: string, severity: Severity) =>
  queryOptions({
    queryKey: [project, 'issues', 'tier', severity],
    queryFn: async ({ signal }) => {
      const page = await api<{ items: TierIssue[]; total?: number }>(
        url(`/api/projects/${encodeURIComponent(project)}/issues`, { severity: [severity], status: OPEN_STATUSES, limit: TIER_ROWS, total: 'true' }),
        { signal },
      );
      return { items: page.items, total: page.total ?? page.items.length } satisfies Tier;
    },
  });
