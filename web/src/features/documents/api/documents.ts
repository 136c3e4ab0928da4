// Documents in and out: import a Markdown audit (dry run first), upload tool output, the ingest
// runs of the event log, the printable reports.
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, url } from '../../../lib/api-client.ts';

export interface ImportSummary {
  dryRun: boolean;
  project: { key: string; name: string };
  projectCreated: boolean;
  created: string[];
  updated: string[];
  unchanged: number;
  missing: string[];
  pruned: string[];
  sections: string[];
  recognised?: Record<string, number>;
  notes?: string[];
  warnings?: string[];
}

export interface IngestCounts {
  tool: string;
  scope: string;
  findings: number;
  new: number;
  unchanged: number;
  fixed: number;
  reopened: number;
  issuesCreated: number;
  issuesResolved: number;
  issuesReopened: number;
}

export interface IngestRun extends Partial<IngestCounts> {
  at: string;
  actor: string;
  run?: number;
  commit?: string | null;
}

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

export const ingestRunsQuery = (project: string) =>
  queryOptions({
    queryKey: [project, 'ingest-runs'],
    queryFn: async ({ signal }) => {
      const log = await api<{ items: { at: string; actor: string; action: string; data: Record<string, unknown> }[] }>(
        url(`/api/projects/${encodeURIComponent(project)}/log`, { limit: 500 }),
        { signal },
      );
      return log.items
        .filter((e) => e.action === 'ingest.run')
        .map((e): IngestRun => ({ ...(e.data as Partial<IngestRun>), at: e.at, actor: e.actor }))
        .reverse();
    },
  });

export const reportUrl = (project: string, kind: 'audit' | 'roadmap', format: 'html' | 'md') =>
  url(`/api/projects/${encodeURIComponent(project)}/reports/${kind}`, { format });
