// SLA breaches on the overview: open issues past the window of an escalation level, as the
// escalation service computes them (business hours, pauses while blocked, acknowledgements).
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Card, ErrorBox, Loading } from '../../../components/states.tsx';
import { severityLabel } from '../../../lib/format.ts';
import { formatMinutes } from '../../../../../src/escalation/duration.ts';
import { slaQuery } from '../api/overview.ts';

const LOOK_AT = 50;
const SHOW = 8;

export function SlaBreachesCard({ project, renderKey }: { project: string; renderKey: (key: string) => ReactNode }) {
  const q = useQuery(slaQuery(project, LOOK_AT));
  const breached = q.data?.filter((r) => r.leftMinutes < 0) ?? [];
  const next = q.data?.find((r) => r.leftMinutes >= 0 && !r.paused);
  return (
    <Card title="SLA breaches" className={breached.length ? 'sla breached' : 'sla'}>
      {q.error ? <ErrorBox error={q.error} /> : null}
      {!q.data && !q.error ? <Loading /> : null}
      {q.data ? (
        <>
          <p className="big">
            {breached.length === LOOK_AT ? `${LOOK_AT}+` : breached.length} <span className="muted small">open issue{breached.length === 1 ? '' : 's'} past an escalation window</span>
          </p>
          {q.data.length === 0 ? <p className="muted">No open issue is under an escalation level.</p> : null}
          {breached.length ? (
            <ul className="plain sla-list">
              {breached.slice(0, SHOW).map((r) => (
                <li key={r.key}>
                  {renderKey(r.key)} <span className={`sev-text-${r.severity}`}>{severityLabel(r.severity)}</span> {r.title}{' '}
                  <span className="bad small">
                    level {r.level}: overdue {formatMinutes(-r.leftMinutes)}
                    {r.acknowledged ? ' · acknowledged' : ''}
                  </span>
                </li>
              ))}
            </ul>
          ) : null}
          {breached.length > SHOW ? <p className="muted small">and {breached.length - SHOW} more</p> : null}
          {next ? (
            <p className="muted small">
              Next to breach: {renderKey(next.key)} in {formatMinutes(next.leftMinutes)} (level {next.level})
            </p>
          ) : null}
        </>
      ) : null}
    </Card>
  );
}
