import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useCallback } from 'react';
import { ErrorBox, PageHeader } from '../../components/states.tsx';
import type { Severity } from '../../lib/format.ts';
import { SlaBreachesCard } from '../../features/overview/components/sla-breaches.tsx';
import { TierTables } from '../../features/overview/components/tier-tables.tsx';
import { GatesCard, KpisCard, PhaseProgressCard, StandupCard } from '../../features/plan/components/overview-cards.tsx';
import { projectQuery } from '../../features/projects/api/projects.ts';

const route = getRouteApi('/p/$project/');

export function OverviewPage() {
  const { project } = route.useParams();
  const info = useQuery(projectQuery(project));
  const renderKey = useCallback(
    (key: string) => (
      <Link to="/p/$project/issues/$key" params={{ project, key }}>
        {key}
      </Link>
    ),
    [project],
  );
  const moreLink = useCallback(
    (severity: Severity, count: number) => (
      <Link to="/p/$project/issues" params={{ project }} search={{ severity: [severity], open: true }}>
        All {count} open
      </Link>
    ),
    [project],
  );
  return (
    <>
      <PageHeader title={info.data?.title ?? info.data?.name ?? project} />
      {info.error ? <ErrorBox error={info.error} /> : null}
      {info.data ? (
        <p className="muted">
          {[info.data.owner && `Owner: ${info.data.owner}`, info.data.status, info.data.date].filter(Boolean).join(' · ')}
        </p>
      ) : null}
      <div className="grid-cards">
        <StandupCard project={project} />
        <GatesCard project={project} link={<Link to="/p/$project/checklists" params={{ project }}>Checklists and gates</Link>} />
        <KpisCard project={project} link={<Link to="/p/$project/kpis" params={{ project }}>KPI history</Link>} />
        <PhaseProgressCard project={project} />
        <SlaBreachesCard project={project} renderKey={renderKey} />
      </div>
      <TierTables project={project} renderKey={renderKey} moreLink={moreLink} />
    </>
  );
}
