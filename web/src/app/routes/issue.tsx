import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { can, sessionQuery } from '../../features/auth/api/session.ts';
import { IssueDetail } from '../../features/issues/components/issue-detail.tsx';

const route = getRouteApi('/p/$project/issues/$key');

export function IssuePage() {
  const { project, key } = route.useParams();
  const session = useQuery(sessionQuery);
  return (
    <>
      <p>
        <Link to="/p/$project/issues" params={{ project }}>
          ← Issues
        </Link>
      </p>
      <IssueDetail project={project} issueKey={key} canEdit={can(session.data, 'member')} />
    </>
  );
}
