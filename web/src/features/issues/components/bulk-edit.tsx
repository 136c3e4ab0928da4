import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { SEVERITIES, STATUSES, severityLabel, statusLabel } from '../../../lib/format.ts';
import { patchMany, type IssuePatch, type IssueView } from '../api/issues.ts';

/** One change applied to every selected issue; each write carries its own version. */
export function BulkEdit({ project, selected, onDone }: { project: string; selected: IssueView[]; onDone: () => void }) {
  const client = useQueryClient();
  const [field, setField] = useState<'status' | 'severity' | 'owner'>('status');
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  if (selected.length === 0 && !result) return null;

  const apply = async () => {
    if (!value && field !== 'owner') return;
    const patch: IssuePatch = field === 'owner' ? { owner: value || null } : ({ [field]: value });
    setBusy(true);
    const r = await patchMany(project, selected, patch);
    setBusy(false);
    const parts = [`${r.done} updated`];
    if (r.conflicts.length) parts.push(`${r.conflicts.length} changed meanwhile, not overwritten: ${r.conflicts.slice(0, 5).join(', ')}`);
    if (r.failed.length) parts.push(`${r.failed.length} refused: ${r.failed.slice(0, 5).join(', ')}`);
    setResult(parts.join('; '));
    await client.invalidateQueries({ queryKey: [project, 'issues'] });
    onDone();
  };

  return (
    <div className="bulk" role="region" aria-label="Bulk edit">
      {selected.length > 0 ? (
        <>
          <strong>{selected.length} selected</strong>
          <label>
            Set
            <select aria-label="Field" value={field} onChange={(e) => { setField(e.target.value as typeof field); setValue(''); }}>
              <option value="status">status</option>
              <option value="severity">severity</option>
              <option value="owner">owner</option>
            </select>
          </label>
          {field === 'owner' ? (
            <input aria-label="New owner" placeholder="owner (empty: nobody)" value={value} onChange={(e) => setValue(e.target.value)} />
          ) : (
            <select aria-label="New value" value={value} onChange={(e) => setValue(e.target.value)}>
              <option value="">choose…</option>
              {(field === 'status' ? STATUSES : SEVERITIES).map((v) => (
                <option key={v} value={v}>
                  {field === 'status' ? statusLabel(v) : severityLabel(v)}
                </option>
              ))}
            </select>
          )}
          <button type="button" disabled={busy} onClick={() => void apply()}>
            {busy ? 'Applying…' : `Apply to ${selected.length}`}
          </button>
        </>
      ) : null}
      {result ? (
        <span role="status" className="muted">
          {result}{' '}
          <button type="button" className="ghost" onClick={() => setResult(null)}>
            Dismiss
          </button>
        </span>
      ) : null}
    </div>
  );
}
