// Pages of the plan: checklists and gates, roadmap, risks, teams, escalations.
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { PageHeader } from '../../components/states.tsx';
import { can, sessionQuery } from '../../features/auth/api/session.ts';
import { Checklists } from '../../features/plan/components/checklists.tsx';
import { Roadmap } from '../../features/plan/components/roadmap.tsx';
import { Escalations, Risks, Teams } from '../../features/plan/components/sections.tsx';

const useProject = () => useParams({ from: '/p/$project' }).project;

export function ChecklistsPage() {
  const project = useProject();
  const session = useQuery(sessionQuery);
  return (
    <>
      <PageHeader title="Checklists and gates" />
      <Checklists project={project} canEdit={can(session.data, 'member')} />
    </>
  );
}

export function RoadmapPage() {
  return (
    <>
      <PageHeader title="Roadmap" />
      <Roadmap project={useProject()} />
    </>
  );
}

export function RisksPage() {
  return (
    <>
      <PageHeader title="Risks" />
      <Risks project={useProject()} />
    </>
  );
}

export function TeamsPage() {
  return (
    <>
      <PageHeader title="Teams and load" />
      <Teams project={useProject()} />
    </>
  );
}

export function EscalationsPage() {
  return (
    <>
      <PageHeader title="Escalation levels" />
      <Escalations project={useProject()} />
    </>
  );
}
