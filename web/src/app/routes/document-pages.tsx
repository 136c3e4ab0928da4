// Pages about documents: import a Markdown audit, upload tool output and the ingest runs, the reports.
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { PageHeader } from '../../components/states.tsx';
import { can, sessionQuery } from '../../features/auth/api/session.ts';
import { ImportDocument } from '../../features/documents/components/import-document.tsx';
import { IngestRuns, IngestUpload } from '../../features/documents/components/ingest.tsx';
import { Report } from '../../features/documents/components/report.tsx';

const useProject = () => useParams({ from: '/p/$project' }).project;

export function ImportPage() {
  const project = useProject();
  const session = useQuery(sessionQuery);
  return (
    <>
      <PageHeader title="Import a document" />
      {can(session.data, 'admin') ? <ImportDocument project={project} /> : <p>Importing documents needs the admin role.</p>}
    </>
  );
}

export function IngestPage() {
  const project = useProject();
  const session = useQuery(sessionQuery);
  return (
    <>
      <PageHeader title="Ingest" />
      {can(session.data, 'member') ? <IngestUpload project={project} /> : null}
      <IngestRuns project={project} />
    </>
  );
}

export function ReportsPage() {
  const project = useProject();
  const { kind } = useParams({ from: '/p/$project/reports/$kind' });
  const which = kind === 'roadmap' ? 'roadmap' : 'audit';
  return (
    <>
      <PageHeader title={which === 'audit' ? 'Audit report' : 'Roadmap report'}>
        <Link to="/p/$project/reports/$kind" params={{ project, kind: which === 'audit' ? 'roadmap' : 'audit' }}>
          {which === 'audit' ? 'Roadmap report' : 'Audit report'}
        </Link>
      </PageHeader>
      <Report project={project} kind={which} />
    </>
  );
}
