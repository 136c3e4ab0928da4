// Everything under /p/:project: the session guard, the project's navigation, live updates.
import { useQuery } from '@tanstack/react-query';
import { Link, Navigate, Outlet, useLocation, useParams } from '@tanstack/react-router';
import { ErrorBox, Loading } from '../components/states.tsx';
import { useLiveEvents } from '../lib/live.ts';
import { sessionQuery, useLogout } from '../features/auth/api/session.ts';

const NAV = [
  ['/p/$project', 'Overview'],
  ['/p/$project/issues', 'Issues'],
  ['/p/$project/board', 'Board'],
  ['/p/$project/roadmap', 'Roadmap'],
  ['/p/$project/checklists', 'Checklists'],
  ['/p/$project/kpis', 'KPIs'],
  ['/p/$project/progress', 'Burndown'],
  ['/p/$project/risks', 'Risks'],
  ['/p/$project/teams', 'Teams'],
  ['/p/$project/escalations', 'Escalations'],
  ['/p/$project/ingest', 'Ingest'],
  ['/p/$project/import', 'Import'],
] as const;

export function ProjectLayout() {
  const { project } = useParams({ from: '/p/$project' });
  const session = useQuery(sessionQuery);
  const location = useLocation();
  const logout = useLogout();
  const live = useLiveEvents(session.data ? project : undefined);

  if (session.error) return <ErrorBox error={session.error} />;
  if (session.isPending) return <Loading />;
  if (!session.data) return <Navigate to="/login" search={{ redirect: location.href }} replace />;

  return (
    <div className="project">
      <nav className="nav" aria-label="Project">
        <span className="project-key">{project}</span>
        {NAV.map(([to, label]) => (
          <Link key={to} to={to} params={{ project }} activeOptions={{ exact: to === '/p/$project', includeSearch: false }} activeProps={{ className: 'active', 'aria-current': 'page' }}>
            {label}
          </Link>
        ))}
        <Link to="/p/$project/reports/$kind" params={{ project, kind: 'audit' }} activeProps={{ className: 'active', 'aria-current': 'page' }}>
          Reports
        </Link>
        <span className="spacer" />
        <span className={`live live-${live}`} title={`Live updates: ${live}`}>
          <span aria-hidden="true">●</span> {live}
        </span>
        <span className="who">
          {session.data.name} <span className="muted">({session.data.role})</span>
        </span>
        <button type="button" className="ghost" onClick={() => logout.mutate()}>
          Log out
        </button>
      </nav>
      <Outlet />
    </div>
  );
}
