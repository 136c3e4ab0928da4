import { severityLabel, statusLabel } from '../lib/format.ts';

export function SeverityBadge({ severity }: { severity: string }) {
  return <span className={`badge sev-${severity}`}>{severityLabel(severity)}</span>;
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge status-${status}`}>{statusLabel(status)}</span>;
}

export type Verdict = 'pass' | 'fail' | 'unknown';

export function VerdictBadge({ verdict, label }: { verdict: Verdict; label?: string }) {
  const text = label ?? { pass: 'PASS', fail: 'FAIL', unknown: 'UNKNOWN' }[verdict];
  const icon = { pass: '✓', fail: '✗', unknown: '?' }[verdict];
  return (
    <span className={`badge verdict-${verdict}`}>
      <span aria-hidden="true">{icon} </span>
      {text}
    </span>
  );
}
