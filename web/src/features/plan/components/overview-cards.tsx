// The overview's live cards: today's standup per tier, the gates with why, KPIs on or off track,
// progress of each phase.
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { VerdictBadge } from '../../../components/badges.tsx';
import { Card, ErrorBox, Loading, Progress } from '../../../components/states.tsx';
import { severityLabel } from '../../../lib/format.ts';
import { checklistsQuery, gatesQuery, kpisQuery, phasesQuery, standupQuery } from '../api/plan.ts';
import { PlainTable } from '../../../components/plain-table.tsx';

export function StandupCard({ project }: { project: string }) {
  const q = useQuery(standupQuery(project));
  return (
    <Card title={`Standup${q.data ? ` — ${q.data.date}` : ''}`}>
      {q.error ? <ErrorBox error={q.error} /> : null}
      {!q.data && !q.error ? <Loading /> : null}
      {q.data ? (
        <>
          <PlainTable label="Standup per tier" columns={['Tier', 'Completed', 'In progress', 'Blocked', 'Open']}>
              {q.data.tiers.map((t) => (
                <tr key={t.severity}>
                  <td className={`sev-text-${t.severity}`}>{severityLabel(t.severity)}</td>
                  <td>{t.completed ?? '–'}</td>
                  <td>{t.inProgress}</td>
                  <td>{t.blocked ? <span className="bad">{t.blocked}</span> : 0}</td>
                  <td>{t.open}</td>
                </tr>
              ))}
            </PlainTable>
          {q.data.focus ? (
            <p>
              <strong>Today's focus:</strong> {q.data.focus.name} ({q.data.focus.itemsPassing}/{q.data.focus.items} items, {q.data.focus.openIssues} open issues)
            </p>
          ) : null}
          {q.data.next ? (
            <p>
              <strong>Next:</strong> {q.data.next.name}
            </p>
          ) : null}
        </>
      ) : null}
    </Card>
  );
}

export function GatesCard({ project, link }: { project: string; link?: ReactNode }) {
  const q = useQuery(gatesQuery(project));
  return (
    <Card title="Gates">
      {q.error ? <ErrorBox error={q.error} /> : null}
      {!q.data && !q.error ? <Loading /> : null}
      <ul className="plain gate-list">
        {q.data?.map((g) => {
          const unknown = g.items.filter((i) => i.status === 'unknown').length;
          const failing = g.items.filter((i) => i.status === 'fail');
          const verdict = g.passed ? 'pass' : failing.length ? 'fail' : 'unknown';
          const why = g.reason ?? (failing[0] ? `${failing[0].text}: ${failing[0].reason ?? 'fails'}` : unknown ? `${unknown} item(s) without evidence` : null);
          return (
            <li key={g.gate}>
              <VerdictBadge verdict={verdict} /> <strong>{g.gate}</strong>
              {why && !g.passed ? <div className="muted small">{why}</div> : null}
            </li>
          );
        })}
      </ul>
      {link}
    </Card>
  );
}

export function KpisCard({ project, link }: { project: string; link?: ReactNode }) {
  const q = useQuery(kpisQuery(project));
  return (
    <Card title="KPIs">
      {q.error ? <ErrorBox error={q.error} /> : null}
      {q.data?.length === 0 ? <p className="muted">No KPI defined.</p> : null}
      <ul className="plain gate-list">
        {q.data?.map((k) => (
          <li key={k.key}>
            <VerdictBadge verdict={k.onTrack === null ? 'unknown' : k.onTrack ? 'pass' : 'fail'} label={k.onTrack === null ? 'NO DATA' : k.onTrack ? 'ON TRACK' : 'OFF TRACK'} /> <strong>{k.name}</strong>{' '}
            <span className="muted">
              {k.latest ?? '–'}
              {k.unit ?? ''} (target {k.comparator ?? ''} {k.target ?? '–'}
              {k.unit ?? ''})
            </span>
          </li>
        ))}
      </ul>
      {link}
    </Card>
  );
}

export function PhaseProgressCard({ project }: { project: string }) {
  const phases = useQuery(phasesQuery(project));
  const lists = useQuery(checklistsQuery(project));
  return (
    <Card title="Phase progress">
      {phases.error ? <ErrorBox error={phases.error} /> : null}
      <ul className="plain phase-list">
        {phases.data
          ?.filter((ph) => !ph.parent)
          .map((ph) => {
            const list = lists.data?.find((l) => l.key === ph.key);
            const total = list ? list.items.length : ph.items.length;
            const done = list ? list.counts.pass : ph.items.filter((i) => i.done).length;
            return (
              <li key={ph.key}>
                <div className="row">
                  <strong>{ph.name}</strong> <span className="muted small">{ph.label ?? ph.state}</span>
                  {ph.window ? <span className="muted small">· {ph.window}</span> : null}
                  <span className="muted small">
                    {done}/{total}
                  </span>
                </div>
                <Progress value={done} max={total} label={`${ph.name} progress`} />
              </li>
            );
          })}
      </ul>
    </Card>
  );
}
