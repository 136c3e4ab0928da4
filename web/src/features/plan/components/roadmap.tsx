// The roadmap: phases (and their weeks/days) with window, branch, hours, deliverables and
// progress, and the forecast (p50 / p85 completion) against each phase's window.
import { useQuery } from '@tanstack/react-query';
import { VerdictBadge } from '../../../components/badges.tsx';
import { Card, ErrorBox, Loading, Progress } from '../../../components/states.tsx';
import { hours, minutes } from '../../../lib/format.ts';
import { checklistsQuery, forecastQuery, phasesQuery, type ForecastView } from '../api/plan.ts';

const VERDICT: Record<ForecastView['verdict'], { v: 'pass' | 'fail' | 'unknown'; label: string }> = {
  on_track: { v: 'pass', label: 'ON TRACK' },
  at_risk: { v: 'unknown', label: 'AT RISK' },
  late: { v: 'fail', label: 'LATE' },
  unknown: { v: 'unknown', label: 'NO FORECAST' },
};

export function Roadmap({ project }: { project: string }) {
  const phases = useQuery(phasesQuery(project));
  const lists = useQuery(checklistsQuery(project));
  const forecast = useQuery(forecastQuery(project));
  if (phases.error) return <ErrorBox error={phases.error} />;
  if (!phases.data) return <Loading />;
  if (phases.data.length === 0) return <p className="muted">No phase in this project.</p>;
  return (
    <ol className="plain roadmap">
      {phases.data.map((ph) => {
        const list = lists.data?.find((l) => l.key === ph.key);
        const total = list ? list.items.length : ph.items.length;
        const done = list ? list.counts.pass : ph.items.filter((i) => i.done).length;
        const f = forecast.data?.find((x) => x.phase === ph.key);
        return (
          <li key={ph.key} className={ph.parent ? 'sub-phase' : ''}>
            <Card
              title={
                <>
                  {ph.name} <span className="muted small">{ph.label ?? ph.state}</span>
                </>
              }
            >
              <dl className="fields">
                <dt>Window</dt>
                <dd>{ph.window ?? '–'}</dd>
                <dt>Branch</dt>
                <dd>{ph.branch ? <code>{ph.branch}</code> : '–'}</dd>
                <dt>Hours</dt>
                <dd>
                  {hours(ph.hours)}
                  {f?.etas ? ` budget · ${minutes(f.etas.minutes)} estimated on ${f.etas.estimated} open issues (${f.etas.unestimated} without estimate)` : ''}
                </dd>
                <dt>Progress</dt>
                <dd>
                  <Progress value={done} max={total} label={`${ph.name} progress`} /> {done}/{total} tasks
                </dd>
                <dt>Forecast</dt>
                <dd>
                  {f ? (
                    <>
                      <VerdictBadge verdict={VERDICT[f.verdict].v} label={VERDICT[f.verdict].label} />{' '}
                      {f.result.status === 'ok'
                        ? `p50 ${f.result.p50?.date ?? '–'}, p85 ${f.result.p85?.date ?? '–'}${f.windowEnd ? ` against the window's end ${f.windowEnd}` : ''}`
                        : f.result.reason}
                    </>
                  ) : (
                    '–'
                  )}
                </dd>
              </dl>
              {ph.deliverables.length ? (
                <>
                  <h3 className="small">Deliverables</h3>
                  <ul>
                    {ph.deliverables.map((d) => (
                      <li key={d}>{d}</li>
                    ))}
                  </ul>
                </>
              ) : null}
            </Card>
          </li>
        );
      })}
    </ol>
  );
}
