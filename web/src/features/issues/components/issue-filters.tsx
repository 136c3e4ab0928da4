import { useEffect, useState } from 'react';
import { SEVERITIES, STATUSES, severityLabel, statusLabel, type Severity, type Status } from '../../../lib/format.ts';
import type { IssueFilters } from '../api/issues.ts';

interface Props {
  filters: IssueFilters;
  onChange: (next: IssueFilters) => void;
}

function toggle<T>(list: readonly T[] | undefined, value: T): T[] {
  const set = new Set(list ?? []);
  if (set.has(value)) set.delete(value);
  else set.add(value);
  return [...set];
}

/** The filter bar: every change goes to the URL, so a view can be shared by its address. */
export function IssueFiltersBar({ filters, onChange }: Props) {
  const [q, setQ] = useState(filters.q ?? '');
  useEffect(() => setQ(filters.q ?? ''), [filters.q]);
  useEffect(() => {
    if ((filters.q ?? '') === q) return undefined;
    const timer = setTimeout(() => onChange({ ...filters, q: q || undefined }), 250);
    return () => clearTimeout(timer);
  }, [q, filters, onChange]);

  return (
    <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
      <label className="search">
        <span className="sr-only">Search issues</span>
        <input id="issue-search" type="search" placeholder="Search (/)" value={q} onChange={(e) => setQ(e.target.value)} />
      </label>
      <fieldset className="chips">
        <legend className="sr-only">Severity</legend>
        {SEVERITIES.map((s: Severity) => (
          <label key={s} className={`chip sev-${s}`}>
            <input type="checkbox" checked={filters.severity?.includes(s) ?? false} onChange={() => onChange({ ...filters, severity: toggle(filters.severity, s) })} />
            {severityLabel(s)}
          </label>
        ))}
      </fieldset>
      <label>
        <span className="sr-only">Status</span>
        <select
          aria-label="Status"
          value={filters.status?.length === 1 ? filters.status[0] : filters.open ? 'open' : ''}
          onChange={(e) => {
            const v = e.target.value;
            onChange({ ...filters, status: v && v !== 'open' ? [v as Status] : undefined, open: v === 'open' || undefined });
          }}
        >
          <option value="">Any status</option>
          <option value="open">Open</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {statusLabel(s)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="sr-only">Owner</span>
        <input
          aria-label="Owner"
          placeholder="Owner"
          defaultValue={filters.owner ?? ''}
          key={`owner-${filters.owner ?? ''}`}
          onBlur={(e) => onChange({ ...filters, owner: e.target.value || undefined })}
          onKeyDown={(e) => {
            if (e.key === 'Enter') onChange({ ...filters, owner: e.currentTarget.value || undefined });
          }}
        />
      </label>
      <label>
        <span className="sr-only">Phase</span>
        <input
          aria-label="Phase"
          placeholder="Phase"
          defaultValue={filters.phase ?? ''}
          key={`phase-${filters.phase ?? ''}`}
          onBlur={(e) => onChange({ ...filters, phase: e.target.value || undefined })}
          onKeyDown={(e) => {
            if (e.key === 'Enter') onChange({ ...filters, phase: e.currentTarget.value || undefined });
          }}
        />
      </label>
    </form>
  );
}
