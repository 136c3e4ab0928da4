import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import type { RowSelectionState } from '@tanstack/react-table';
import { useCallback, useMemo, useState } from 'react';
import { PageHeader } from '../../components/states.tsx';
import { useHotkeys } from '../../lib/use-hotkeys.ts';
import { can, sessionQuery } from '../../features/auth/api/session.ts';
import type { IssueFilters, IssueView } from '../../features/issues/api/issues.ts';
import { BulkEdit } from '../../features/issues/components/bulk-edit.tsx';
import { CreateIssueDialog } from '../../features/issues/components/create-issue.tsx';
import { IssueFiltersBar } from '../../features/issues/components/issue-filters.tsx';
import { IssueTable } from '../../features/issues/components/issue-table.tsx';

const route = getRouteApi('/p/$project/issues');

export function IssuesPage() {
  const { project } = route.useParams();
  const filters = route.useSearch();
  const navigate = useNavigate({ from: '/p/$project/issues' });
  const session = useQuery(sessionQuery);
  const canEdit = can(session.data, 'member');
  const [selection, setSelection] = useState<RowSelectionState>({});
  const [rows, setRows] = useState<IssueView[]>([]);
  const [creating, setCreating] = useState(false);

  const setFilters = useCallback((next: IssueFilters) => {
    setSelection({});
    void navigate({ search: next, replace: true });
  }, [navigate]);
  const open = useCallback((key: string) => void navigate({ to: '/p/$project/issues/$key', params: { project, key } }), [navigate, project]);
  const renderKey = useCallback(
    (issue: IssueView) => (
      <Link to="/p/$project/issues/$key" params={{ project, key: issue.key }}>
        {issue.key}
      </Link>
    ),
    [project],
  );
  const onRows = useCallback((next: IssueView[]) => setRows(next), []);
  const selected = useMemo(() => rows.filter((r) => selection[r.key]), [rows, selection]);

  useHotkeys({
    '/': () => document.getElementById('issue-search')?.focus(),
    ...(canEdit ? { c: () => setCreating(true) } : {}),
  });

  return (
    <div className="issues-page">
      <PageHeader title="Issues">
        {canEdit ? (
          <button type="button" onClick={() => setCreating(true)} aria-keyshortcuts="c">
            New issue
          </button>
        ) : null}
      </PageHeader>
      <IssueFiltersBar filters={filters} onChange={setFilters} />
      {canEdit ? <BulkEdit project={project} selected={selected} onDone={() => setSelection({})} /> : null}
      <IssueTable
        project={project}
        filters={filters}
        onSort={(sort, desc) => setFilters({ ...filters, sort, desc: desc || undefined })}
        onOpen={open}
        selectable={canEdit}
        selection={selection}
        onSelectionChange={setSelection}
        renderKey={renderKey}
        onRows={onRows}
      />
      <p className="muted hint">Keys: j/k move · Enter opens · x selects · / searches{canEdit ? ' · c creates' : ''}</p>
      {canEdit ? <CreateIssueDialog project={project} open={creating} onClose={() => setCreating(false)} onCreated={(key) => { setCreating(false); open(key); }} /> : null}
    </div>
  );
}
