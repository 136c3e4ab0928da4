// The board: one column per status, most severe first. Drag a card (or use its "Move to" menu,
// for keyboards) to change its status: the card moves at once; if somebody changed the issue
// meanwhile, the server answers 409 and the card shows the issue as it is now.
import { useQueries } from '@tanstack/react-query';
import { useMemo, useState, type DragEvent, type ReactNode } from 'react';
import { SeverityBadge } from '../../../components/badges.tsx';
import { ErrorBox } from '../../../components/states.tsx';
import { STATUSES, statusLabel, type Status } from '../../../lib/format.ts';
import { boardColumnQuery, useIssueUpdate, type ConflictInfo, type IssueView } from '../api/issues.ts';

const PER_COLUMN = 100;
const MIME = 'application/x-punchlist-issue';

export function Board({ project, canEdit, renderKey }: { project: string; canEdit: boolean; renderKey: (issue: IssueView) => ReactNode }) {
  const columns = useQueries({ queries: STATUSES.map((status) => boardColumnQuery(project, status, PER_COLUMN)) });
  const [conflict, setConflict] = useState<ConflictInfo | null>(null);
  const [over, setOver] = useState<Status | null>(null);
  const update = useIssueUpdate(project, setConflict);

  // Every loaded card, placed by its status as the cache has it now (an optimistic move shows at once).
  const { byStatus, byKey } = useMemo(() => {
    const byKey = new Map<string, IssueView>();
    for (const column of columns) for (const issue of column.data?.items ?? []) byKey.set(issue.key, issue);
    const byStatus = new Map<Status, IssueView[]>(STATUSES.map((s) => [s, []]));
    for (const issue of byKey.values()) byStatus.get(issue.status)?.push(issue);
    return { byStatus, byKey };
  }, [columns]);

  const move = (key: string, status: Status) => {
    const issue = byKey.get(key);
    if (!issue || issue.status === status) return;
    setConflict(null);
    update.mutate({ issue, patch: { status } });
  };

  const error = columns.find((c) => c.error)?.error;
  return (
    <div>
      {conflict ? (
        <div className="conflict" role="alert">
          <strong>Not moved: {conflict.key} was changed by someone else (409).</strong> {conflict.message}. The card now shows it as it is
          {conflict.current ? ` (${statusLabel(conflict.current.status)}, version ${conflict.current.version})` : ''}.
        </div>
      ) : null}
      {update.error && !conflict ? <ErrorBox error={update.error} /> : null}
      {error ? <ErrorBox error={error} /> : null}
      <div className="board">
        {STATUSES.map((status, n) => {
          const cards = byStatus.get(status) ?? [];
          const total = columns[n]?.data?.total;
          return (
            <section
              key={status}
              className={`column${over === status ? ' over' : ''}`}
              aria-label={statusLabel(status)}
              data-status={status}
              onDragOver={(e: DragEvent) => {
                if (!canEdit) return;
                e.preventDefault();
                setOver(status);
              }}
              onDragLeave={() => setOver((o) => (o === status ? null : o))}
              onDrop={(e: DragEvent) => {
                e.preventDefault();
                setOver(null);
                const key = e.dataTransfer.getData(MIME) || e.dataTransfer.getData('text/plain');
                if (key) move(key, status);
              }}
            >
              <h2>
                {statusLabel(status)} <span className="muted">{total ?? cards.length}</span>
              </h2>
              <ul className="plain cards">
                {cards.map((issue) => (
                  <li
                    key={issue.key}
                    className={`card-item sev-edge-${issue.severity}`}
                    data-key={issue.key}
                    draggable={canEdit}
                    onDragStart={(e) => {
                      e.dataTransfer.setData(MIME, issue.key);
                      e.dataTransfer.setData('text/plain', issue.key);
                      e.dataTransfer.effectAllowed = 'move';
                    }}
                  >
                    <div className="row">
                      {renderKey(issue)} <SeverityBadge severity={issue.severity} />
                    </div>
                    <p className="card-title">{issue.title}</p>
                    <div className="row muted small">
                      <span>{issue.owner ?? 'unassigned'}</span>
                      <span>v{issue.version}</span>
                    </div>
                    {canEdit ? (
                      <select aria-label={`Move ${issue.key} to`} value={issue.status} onChange={(e) => move(issue.key, e.target.value as Status)}>
                        {STATUSES.map((s) => (
                          <option key={s} value={s}>
                            {statusLabel(s)}
                          </option>
                        ))}
                      </select>
                    ) : null}
                  </li>
                ))}
              </ul>
              {total !== undefined && total > cards.length ? <p className="muted small">{total - cards.length} more in the issue list</p> : null}
            </section>
          );
        })}
      </div>
    </div>
  );
}
