import { useEffect, useRef, useState } from 'react';
import { ErrorBox } from '../../../components/states.tsx';
import { SEVERITIES, severityLabel, type Severity } from '../../../lib/format.ts';
import { useCreateIssue } from '../api/issues.ts';

/** The `c` dialog: a new issue with the fields one needs first; the rest on its page. */
export function CreateIssueDialog({ project, open, onClose, onCreated }: { project: string; open: boolean; onClose: () => void; onCreated: (key: string) => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const create = useCreateIssue(project);
  const [title, setTitle] = useState('');
  const [severity, setSeverity] = useState<Severity>('major');
  const [owner, setOwner] = useState('');
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} onClose={onClose} aria-labelledby="create-title">
      <form
        method="dialog"
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(
            { title, severity, ...(owner ? { owner } : {}) },
            {
              onSuccess: (issue) => {
                setTitle('');
                setOwner('');
                onCreated(issue.key);
              },
            },
          );
        }}
      >
        <h2 id="create-title">New issue</h2>
        <label>
          Title
          <input name="title" value={title} onChange={(e) => setTitle(e.target.value)} required autoFocus />
        </label>
        <label>
          Severity
          <select name="severity" value={severity} onChange={(e) => setSeverity(e.target.value as Severity)}>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {severityLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Owner
          <input name="owner" value={owner} onChange={(e) => setOwner(e.target.value)} />
        </label>
        {create.error ? <ErrorBox error={create.error} /> : null}
        <div className="row">
          <button type="submit" disabled={create.isPending}>
            Create
          </button>
          <button type="button" className="ghost" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
