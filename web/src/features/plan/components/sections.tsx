// The plan's sections as tables: risks, teams with their load against capacity, escalation levels.
import { useQuery } from '@tanstack/react-query';
import { Card, ErrorBox, Loading, Progress } from '../../../components/states.tsx';
import { hours, severityLabel } from '../../../lib/format.ts';
import { escalationQuery, risksQuery, teamLoadQuery, teamsQuery } from '../api/plan.ts';
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

export function Teams({ project }: { project: string }) {
  const q = useQuery(teamsQuery(project));
  // Counted and summed on the server over every open issue each team owns.
  const loads = useQuery(teamLoadQuery(project));
  if (q.error) return <ErrorBox error={q.error} />;
  if (!q.data) return <Loading />;
  if (q.data.length === 0) return <p className="muted">No team recorded.</p>;
  return (
    <div className="grid-cards">
      {q.data.map((t) => {
        const load = loads.data?.find((l) => l.team === t.name);
        const h = load ? load.minutes / 60 : null;
        return (
          <Card key={t.name} title={t.name}>
            {t.focus ? <p>{t.focus}</p> : null}
            {t.members.length ? <p className="muted">Members: {t.members.join(', ')}</p> : null}
            <p>
              Open work: {h === null ? '…' : hours(h)} on {load?.openIssues ?? '…'} open issues{load?.unestimated ? ` (${load.unestimated} without an estimate)` : ''} · capacity {t.capacityHours === null ? 'not set' : `${hours(t.capacityHours)} a week`}
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
