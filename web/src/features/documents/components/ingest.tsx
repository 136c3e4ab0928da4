// Tool output in: upload compiler, linter, test or coverage reports; the runs so far and what
// each changed.
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Card, ErrorBox, Loading } from '../../../components/states.tsx';
import { dateTime } from '../../../lib/format.ts';
import { ingestRunsQuery, useUploadToolOutput } from '../api/documents.ts';
import { PlainTable } from '../../../components/plain-table.tsx';

export function IngestUpload({ project }: { project: string }) {
  const upload = useUploadToolOutput(project);
  const [files, setFiles] = useState<File[]>([]);
  const [commit, setCommit] = useState('');
  return (
    <Card title="Upload tool output">
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          if (files.length) upload.mutate({ files, ...(commit ? { commit } : {}) });
        }}
      >
        <label>
          Reports (SARIF, ESLint JSON, tsc output, JUnit XML, coverage summary, npm audit)
          <input type="file" multiple onChange={(e) => setFiles([...(e.target.files ?? [])])} />
        </label>
        <label>
          Commit (optional)
          <input value={commit} onChange={(e) => setCommit(e.target.value)} />
        </label>
        <button type="submit" disabled={!files.length || upload.isPending}>
          {upload.isPending ? 'Ingesting…' : 'Ingest'}
        </button>
      </form>
      {upload.error ? <ErrorBox error={upload.error} /> : null}
      {upload.data ? (
        <ul role="status" className="plain">
          {upload.data.reports.map((r) => (
            <li key={`${r.tool}-${r.scope}`}>
              <strong>{r.tool}</strong> ({r.scope}): {r.findings} findings — {r.new} new, {r.fixed} fixed, {r.reopened} reopened; issues {r.issuesCreated} created, {r.issuesResolved} resolved, {r.issuesReopened} reopened
            </li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}

export function IngestRuns({ project }: { project: string }) {
  const runs = useInfiniteQuery(ingestRunsQuery(project));
  if (runs.error) return <ErrorBox error={runs.error} />;
  if (!runs.data) return <Loading />;
  const rows = runs.data.pages.flatMap((page) => page.items);
  return (
    <Card title="Ingest runs">
      {rows.length === 0 ? <p className="muted">No ingest yet.</p> : null}
      {rows.length ? (
        <PlainTable label="Ingest runs table" columns={['Run', 'When', 'Who', 'Tool (scope)', 'Commit', 'Findings', 'New / fixed / reopened', 'Issues created / resolved / reopened']}>
          {rows.map((r) => (
            <tr key={r.run}>
              <td>{r.run}</td>
              <td>{dateTime(r.at)}</td>
              <td>{r.actor}</td>
              <td>
                {r.tool} ({r.scope})
              </td>
              <td>{r.commit ?? '–'}</td>
              <td>{r.findings ?? '–'}</td>
              <td>
                {r.new ?? 0} / {r.fixed ?? 0} / {r.reopened ?? 0}
              </td>
              <td>
                {r.issuesCreated ?? 0} / {r.issuesResolved ?? 0} / {r.issuesReopened ?? 0}
              </td>
            </tr>
          ))}
        </PlainTable>
      ) : null}
      {runs.hasNextPage ? (
        <button type="button" className="ghost" disabled={runs.isFetchingNextPage} onClick={() => void runs.fetchNextPage()}>
          {runs.isFetchingNextPage ? 'Loading…' : 'Older runs'}
        </button>
      ) : rows.length ? (
        <p className="muted small">All {rows.length} runs shown.</p>
      ) : null}
    </Card>
  );
}
