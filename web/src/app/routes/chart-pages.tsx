// Pages drawn with charts (uPlot, loaded only here): KPIs, burndown and burnup.
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { PageHeader } from '../../components/states.tsx';
import { can, sessionQuery } from '../../features/auth/api/session.ts';
import { Burndown } from '../../features/plan/components/burndown.tsx';
import { Kpis } from '../../features/plan/components/kpis.tsx';

export function KpisPage() {
  const { project } = useParams({ from: '/p/$project' });
  const session = useQuery(sessionQuery);
  return (
    <>
      <PageHeader title="KPIs" />
      <Kpis project={project} canEdit={can(session.data, 'member')} />
    </>
  );
}

export function ProgressPage() {
  const { project } = useParams({ from: '/p/$project' });
  return (
    <>
      <PageHeader title="Burndown and burnup" />
      <Burndown project={project} />
    </>
  );
}
