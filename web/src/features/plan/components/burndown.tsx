// Burndown (open issues per tier, day by day) and burnup (closed against total scope), drawn from
// the daily snapshots of counts per severity × status.
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Card, ErrorBox, Loading } from '../../../components/states.tsx';
import { TimeChart, toSeconds } from '../../../components/time-chart.tsx';
import { SEVERITIES, severityLabel } from '../../../lib/format.ts';
import { snapshotsQuery, type SnapshotView } from '../api/plan.ts';

const COLORS = { critical: '#b4161b', major: '#a64b00', medium: '#8a6d00', minor: '#38618c' } as const;
const openOf = (c: SnapshotView['counts'][keyof SnapshotView['counts']]) => c.backlog + c.planned + c.in_progress + c.blocked;
const closedOf = (c: SnapshotView['counts'][keyof SnapshotView['counts']]) => c.resolved + c.wont_fix;

export function Burndown({ project }: { project: string }) {
  const snapshots = useQuery(snapshotsQuery(project));
  const data = useMemo(() => {
    const s = snapshots.data ?? [];
    const times = s.map((x) => toSeconds(x.day));
    const down = SEVERITIES.map((sev) => ({ label: `${severityLabel(sev)} open`, values: s.map((x) => openOf(x.counts[sev])), color: COLORS[sev] }));
    const closed = s.map((x) => SEVERITIES.reduce((n, sev) => n + closedOf(x.counts[sev]), 0));
    const scope = s.map((x, i) => SEVERITIES.reduce((n, sev) => n + openOf(x.counts[sev]), 0) + (closed[i] ?? 0));
    const up = [
      { label: 'closed', values: closed, color: '#17692e' },
      { label: 'total scope', values: scope, color: '#4a5360', dash: [6, 4] },
    ];
    return { times, down, up, rows: s };
  }, [snapshots.data]);
  if (snapshots.error) return <ErrorBox error={snapshots.error} />;
  if (!snapshots.data) return <Loading />;
  if (snapshots.data.length === 0) return <p className="muted">No daily snapshot yet: one is taken on every change and by `punchlist snapshot`.</p>;
  return (
    <>
      <Card title="Burndown: open issues per tier">
        <TimeChart title="Open issues per tier by day" times={data.times} series={data.down} />
      </Card>
      <Card title="Burnup: closed against total scope">
        <TimeChart title="Closed issues and total scope by day" times={data.times} series={data.up} />
      </Card>
      <Card title="Daily snapshots">
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Daily snapshots table">
          <table className="plain-table">
            <thead>
              <tr>
                <th scope="col">Day</th>
                {SEVERITIES.map((s) => (
                  <th key={s} scope="col">
                    {severityLabel(s)} open
                  </th>
                ))}
                <th scope="col">Closed</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((x) => (
                <tr key={x.day}>
                  <td>{x.day}</td>
                  {SEVERITIES.map((s) => (
                    <td key={s}>{openOf(x.counts[s])}</td>
                  ))}
                  <td>{SEVERITIES.reduce((n, s) => n + closedOf(x.counts[s]), 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </>
  );
}
