import { useQuery } from '@tanstack/react-query';
import { Link, Navigate } from '@tanstack/react-router';
import { ErrorBox, Loading, PageHeader } from '../../components/states.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { projectsQuery } from '../../features/projects/api/projects.ts';

/** `/`: the only project's overview, or the list to choose from. */
export function HomePage() {
  const projects = useQuery(projectsQuery);
  if (projects.error instanceof ApiError && projects.error.status === 401) return <Navigate to="/login" search={{ redirect: '/' }} />;
  if (projects.error) return <ErrorBox error={projects.error} />;
  if (!projects.data) return <Loading />;
  if (projects.data.length === 1) return <Navigate to="/p/$project" params={{ project: projects.data[0]!.key }} />;
  return (
    <>
      <PageHeader title="Projects" />
      {projects.data.length === 0 ? <p>No project yet: import an audit with <code>punchlist import audit.md</code>.</p> : null}
      <ul className="plain">
        {projects.data.map((p) => (
          <li key={p.key}>
            <Link to="/p/$project" params={{ project: p.key }}>
              {p.key} — {p.name}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
