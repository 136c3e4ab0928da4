// The register as the audit document shows it: one table per tier, open issues first ten, with
// the count of all of them — one request for the four tiers.
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { StatusBadge } from '../../../components/badges.tsx';
import { ErrorBox } from '../../../components/states.tsx';
import { minutes, SEVERITIES, severityLabel, type Severity } from '../../../lib/format.ts';
import { overviewQuery, type TierIssue } from '../api/overview.ts';

export function TierTables({ project, renderKey, moreLink }: { project: string; renderKey: (key: string) => ReactNode; moreLink: (severity: Severity, count: number) => ReactNode }) {
  const summary = useQuery(overviewQuery(project));
  return (
    <div className="tiers">
      {summary.error ? <ErrorBox error={summary.error} /> : null}
      {SEVERITIES.map((severity) => {
        const tier = summary.data?.tiers.find((t) => t.severity === severity);
        return (
          <section key={severity} className={`card tier tier-${severity}`} aria-labelledby={`tier-${severity}`}>
            <h2 id={`tier-${severity}`}>
              <span className={`sev-text-${severity}`}>{severityLabel(severity)}</span> <span className="count">{tier?.open ?? '…'} open</span>
            </h2>
            {tier && tier.items.length === 0 ? <p className="muted">None open.</p> : null}
            {tier && tier.items.length > 0 ? (
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
                  {tier.items.map((i: TierIssue) => (
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
            {tier && tier.open > tier.items.length ? moreLink(severity, tier.open) : null}
          </section>
        );
      })}
    </div>
  );
}
