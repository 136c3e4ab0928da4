// KPIs against their targets, each with its history as a chart and a way to record a value.
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { VerdictBadge } from '../../../components/badges.tsx';
import { Card, ErrorBox, Loading } from '../../../components/states.tsx';
import { TimeChart, toSeconds } from '../../../components/time-chart.tsx';
import { dateTime } from '../../../lib/format.ts';
import { kpiHistoryQuery, kpisQuery, useRecordKpi, type KpiRow } from '../api/plan.ts';

export function Kpis({ project, canEdit }: { project: string; canEdit: boolean }) {
  const kpis = useQuery(kpisQuery(project));
  if (kpis.error) return <ErrorBox error={kpis.error} />;
  if (!kpis.data) return <Loading />;
  if (kpis.data.length === 0) return <p className="muted">No KPI defined in this project.</p>;
  return (
    <div className="grid-cards">
      {kpis.data.map((k) => (
        <KpiCard key={k.key} project={project} kpi={k} canEdit={canEdit} />
      ))}
    </div>
  );
}

function KpiCard({ project, kpi, canEdit }: { project: string; kpi: KpiRow; canEdit: boolean }) {
  const history = useQuery(kpiHistoryQuery(project, kpi.key));
  const record = useRecordKpi(project);
  const [value, setValue] = useState('');
  const chart = useMemo(() => {
    const points = history.data ?? [];
    const times = points.map((pt) => toSeconds(pt.at));
    return {
      times,
      series: [
        { label: kpi.name, values: points.map((pt) => pt.value), color: '#1d5fd1' },
        ...(kpi.target !== null ? [{ label: 'target', values: points.map(() => kpi.target), color: '#b4161b', dash: [6, 4] }] : []),
      ],
    };
  }, [history.data, kpi]);
  return (
    <Card
      title={
        <>
          <VerdictBadge verdict={kpi.onTrack === null ? 'unknown' : kpi.onTrack ? 'pass' : 'fail'} label={kpi.onTrack === null ? 'NO DATA' : kpi.onTrack ? 'ON TRACK' : 'OFF TRACK'} /> {kpi.name}
        </>
      }
    >
      <p>
        Latest <strong>{kpi.latest ?? '–'}</strong>
        {kpi.unit ?? ''} {kpi.at ? <span className="muted">({dateTime(kpi.at)})</span> : null} · target {kpi.comparator ?? ''} {kpi.target ?? '–'}
        {kpi.unit ?? ''}
        {kpi.phase ? ` · phase ${kpi.phase}` : ''}
      </p>
      {chart.times.length > 0 ? <TimeChart title={`${kpi.name} over time against its target`} times={chart.times} series={chart.series} height={180} /> : <p className="muted">No value recorded yet.</p>}
      {canEdit ? (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            const n = Number(value);
            if (value.trim() && Number.isFinite(n)) record.mutate({ kpi: kpi.key, value: n }, { onSuccess: () => setValue('') });
          }}
        >
          <label>
            <span className="sr-only">New value of {kpi.name}</span>
            <input aria-label={`New value of ${kpi.name}`} inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} placeholder="value" size={8} />
          </label>
          <button type="submit" disabled={record.isPending}>
            Record
          </button>
          {record.error ? <ErrorBox error={record.error} /> : null}
        </form>
      ) : null}
    </Card>
  );
}
