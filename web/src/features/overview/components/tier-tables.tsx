// The register as the audit document shows it: one table per tier, open issues first ten.
import { useQueries } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { StatusBadge } from '../../../components/badges.tsx';
import { ErrorBox } from '../../../components/states.tsx';
import { minutes, SEVERITIES, severityLabel, type Severity } from '../../../lib/format.ts';
import { tierQuery, type TierIssue } from '../api/overview.ts';

export function TierTables({ project, renderKey, moreLink }: { project: string; renderKey: (key: string) => ReactNode; moreLink: (severity: Severity, count: number) => ReactNode }) {
  const tiers = useQueries({ queries: SEVERITIES.map((s) => tierQuery(project, s)) });
  return (
    <div className="tiers">
      {SEVERITIES.map((severity, n) => {
        const tier = tiers[n];
        return (
          <section key={severity} className={`card tier tier-${severity}`} aria-labelledby={`tier-${severity}`}>
            <h2 id={`tier-${severity}`}>
              <span className={`sev-text-${severity}`}>{severityLabel(severity)}</span> <span className="count">{tier?.data?.total ?? '…'} open</span>
            </h2>
            {tier?.error ? <ErrorBox error={tier.error} /> : null}
            {tier?.data && tier.data.items.length === 0 ? <p className="muted">None open.</p> : null}
            {tier?.data && tier.data.items.length > 0 ? (
              <table className="plain-table">
                <thead>
                  <tr>
                    <th scope="col">Key</th>
                    <th scope="col">Issue</th>
                    <th scope="col">Owner</th>
                    <th scope="col">ETA</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {tier.data.items.map((i: TierIssue) => (
                    <tr key={i.key}>
                      <td>{renderKey(i.key)}</td>
                      <td>{i.title}</td>
                      <td>{i.owner ?? '–'}</td>
                      <td>{minutes(i.estimateMinutes)}</td>
                      <td>
                        <StatusBadge status={i.status} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            {tier?.data && tier.data.total > tier.data.items.length ? moreLink(severity, tier.data.total) : null}
          </section>
        );
      })}
    </div>
  );
}
