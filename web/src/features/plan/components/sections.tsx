// The plan's sections as tables: risks, teams with their load against capacity, escalation levels.
import { useQueries, useQuery } from '@tanstack/react-query';
import { Card, ErrorBox, Loading, Progress } from '../../../components/states.tsx';
import { api, url } from '../../../lib/api-client.ts';
import { hours, OPEN_STATUSES, severityLabel } from '../../../lib/format.ts';
import { escalationQuery, risksQuery, teamsQuery } from '../api/plan.ts';
import { PlainTable } from '../../../components/plain-table.tsx';

export function Risks({ project }: { project: string }) {
  const q = useQuery(risksQuery(project));
  if (q.error) return <ErrorBox error={q.error} />;
  if (!q.data) return <Loading />;
  if (q.data.length === 0) return <p className="muted">No risk recorded.</p>;
  return (
    <PlainTable label="Risks table" columns={['Risk', 'Category', 'Likelihood', 'Impact', 'Mitigation', 'Owner', 'Status']}>
          {q.data.map((r, i) => (
            <tr key={i}>
              <td>{r.title}</td>
              <td>{r.category ?? '–'}</td>
              <td>{r.likelihood ?? '–'}</td>
              <td>{r.impact ?? '–'}</td>
              <td>{r.mitigation ?? '–'}</td>
              <td>{r.owner ?? '–'}</td>
              <td>{r.status}</td>
            </tr>
          ))}
        </PlainTable>
  );
}

interface Load {
  minutes: number;
  count: number;
  total: number;
}

/** Open work owned by a team (by name), in hours of estimate: the sum over its open issues. */
const loadQuery = (project: string, owner: string) => ({
  queryKey: [project, 'issues', 'load', owner],
  queryFn: async ({ signal }: { signal: AbortSignal }): Promise<Load> => {
    const page = await api<{ items: { estimateMinutes: number | null }[]; total?: number }>(
      url(`/api/projects/${encodeURIComponent(project)}/issues`, { owner, status: OPEN_STATUSES, limit: 500, total: 'true' }),
      { signal },
    );
    return { minutes: page.items.reduce((n, i) => n + (i.estimateMinutes ?? 0), 0), count: page.items.length, total: page.total ?? page.items.length };
  },
});

export function Teams({ project }: { project: string }) {
  const q = useQuery(teamsQuery(project));
  const loads = useQueries({ queries: (q.data ?? []).map((t) => loadQuery(project, t.name)) });
  if (q.error) return <ErrorBox error={q.error} />;
  if (!q.data) return <Loading />;
  if (q.data.length === 0) return <p className="muted">No team recorded.</p>;
  return (
    <div className="grid-cards">
      {q.data.map((t, i) => {
        const load = loads[i]?.data;
        const h = load ? load.minutes / 60 : null;
        return (
          <Card key={t.name} title={t.name}>
            {t.focus ? <p>{t.focus}</p> : null}
            {t.members.length ? <p className="muted">Members: {t.members.join(', ')}</p> : null}
            <p>
              Open work: {h === null ? '…' : hours(h)} on {load?.total ?? '…'} open issues · capacity {t.capacityHours === null ? 'not set' : `${hours(t.capacityHours)} a week`}
            </p>
            {t.capacityHours && h !== null ? <Progress value={h} max={t.capacityHours} label={`${t.name} load against capacity`} /> : null}
            {t.capacityHours && h !== null && h > t.capacityHours ? <p className="bad">Over capacity</p> : null}
          </Card>
        );
      })}
    </div>
  );
}

const windowText = (m: number | null) => (m === null ? '–' : m % 1440 === 0 ? `${m / 1440} d` : m % 60 === 0 ? `${m / 60} h` : `${m} min`);

export function Escalations({ project }: { project: string }) {
  const q = useQuery(escalationQuery(project));
  if (q.error) return <ErrorBox error={q.error} />;
  if (!q.data) return <Loading />;
  if (q.data.length === 0) return <p className="muted">No escalation level recorded.</p>;
  return (
    <PlainTable label="Escalation levels table" columns={['Level', 'After', 'Scope', 'Severities', 'Contacts', 'Resolution']}>
          {q.data.map((e) => (
            <tr key={e.level}>
              <td>{e.level}</td>
              <td>{windowText(e.afterMinutes)}</td>
              <td>{e.scope ?? '–'}</td>
              <td>{e.severities.length ? e.severities.map(severityLabel).join(', ') : 'all'}</td>
              <td>{e.contacts.join(', ') || '–'}</td>
              <td>{e.resolution ?? '–'}</td>
            </tr>
          ))}
        </PlainTable>
  );
}
