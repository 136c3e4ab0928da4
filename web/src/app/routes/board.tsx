import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useCallback } from 'react';
import { PageHeader } from '../../components/states.tsx';
import { can, sessionQuery } from '../../features/auth/api/session.ts';
import type { IssueView } from '../../features/issues/api/issues.ts';
import { Board } from '../../features/issues/components/board.tsx';

const route = getRouteApi('/p/$project/board');

export function BoardPage() {
  const { project } = route.useParams();
  const session = useQuery(sessionQuery);
  const renderKey = useCallback(
    (issue: IssueView) => (
      <Link to="/p/$project/issues/$key" params={{ project, key: issue.key }}>
        {issue.key}
      </Link>
    ),
    [project],
  );
  return (
    <>
      <PageHeader title="Board" />
      <Board project={project} canEdit={can(session.data, 'member')} renderKey={renderKey} />
    </>
  );
}
