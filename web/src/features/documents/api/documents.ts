// Documents in and out: import a Markdown audit (dry run first), upload tool output, the ingest
// runs (every one, a page at a time), the printable reports.
import { infiniteQueryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { IngestCounts as ReconcileCounts } from '../../../../../src/ingest/reconcile.ts';
import type { ImportCounts, IngestRunView } from '../../../../../src/domain/views.ts';
import { api, url } from '../../../lib/api-client.ts';

export interface ImportSummary extends ImportCounts {
  dryRun: boolean;
  project: { key: string; name: string };
  recognised?: Record<string, number>;
  notes?: string[];
  warnings?: string[];
}

/** What one report of an upload changed (the ingest's own counts, with its tool and scope). */
export interface IngestCounts extends ReconcileCounts {
  tool: string;
  scope: string;
}

export type { IngestRunView };

export function useImportMarkdown(project: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { text: string; dryRun: boolean }) =>
      api<ImportSummary>(url('/api/import', { project, dryRun: input.dryRun ? 'true' : 'false' }), {
        method: 'POST',
        body: input.text,
        headers: { 'content-type': 'text/markdown; charset=utf-8' },
      }),
    onSuccess: (summary) => {
      if (!summary.dryRun) void client.invalidateQueries();
    },
  });
}

export function useUploadToolOutput(project: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { files: File[]; commit?: string }) => {
      const form = new FormData();
      if (input.commit) form.append('commit', input.commit);
      for (const file of input.files) form.append('file', file, file.name);
      return api<{ dryRun: boolean; reports: IngestCounts[] }>(`/api/projects/${encodeURIComponent(project)}/ingest`, { method: 'POST', body: form });
    },
    onSettled: () => client.invalidateQueries({ queryKey: [project] }),
  });
}

const RUNS_PAGE = 50;

/** Every ingest run, newest first, a page at a time (the server's cursor over the runs table). */
export const ingestRunsQuery = (project: string) =>
  infiniteQueryOptions({
    queryKey: [project, 'ingest-runs'],
    queryFn: ({ pageParam, signal }) =>
      api<{ items: IngestRunView[]; nextCursor: number | null }>(url(`/api/projects/${encodeURIComponent(project)}/ingest/runs`, { limit: RUNS_PAGE, cursor: pageParam }), { signal }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const reportUrl = (project: string, kind: 'audit' | 'roadmap', format: 'html' | 'md') =>
  url(`/api/projects/${encodeURIComponent(project)}/reports/${kind}`, { format });
