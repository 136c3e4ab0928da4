// One issue: its fields (editable by members, optimistic, a stale edit shows the fresh issue),
// the workflow buttons, the SLA clock, findings with file:line and rule, comments and history.
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { SeverityBadge, StatusBadge } from '../../../components/badges.tsx';
import { ErrorBox, Loading } from '../../../components/states.tsx';
import { age, dateTime, minutes, SEVERITIES, severityLabel } from '../../../lib/format.ts';
import {
  issueClocksQuery,
  issueFindingsQuery,
  issueQuery,
  type TRANSITIONS,
  useComment,
  useIssueUpdate,
  useTransition,
  type ConflictInfo,
  type EventView,
  type IssueView,
} from '../api/issues.ts';
import { PlainTable } from '../../../components/plain-table.tsx';
import { formatMinutes } from '../../../../../src/escalation/duration.ts';

const TRANSITION_LABEL: Record<(typeof TRANSITIONS)[number], string> = { start: 'Start', resolve: 'Resolve', block: 'Block', reopen: 'Reopen', wontfix: "Won't fix" };
const ALLOWED: Record<string, (typeof TRANSITIONS)[number][]> = {
  backlog: ['start', 'block', 'resolve', 'wontfix'],
  planned: ['start', 'block', 'resolve', 'wontfix'],
  in_progress: ['resolve', 'block', 'wontfix'],
  blocked: ['start', 'resolve', 'wontfix'],
  resolved: ['reopen'],
  wont_fix: ['reopen'],
};

export function IssueDetail({ project, issueKey, canEdit }: { project: string; issueKey: string; canEdit: boolean }) {
  const issue = useQuery(issueQuery(project, issueKey));
  const [conflict, setConflict] = useState<ConflictInfo | null>(null);
  const update = useIssueUpdate(project, setConflict);
  const transition = useTransition(project);

  if (issue.error) return <ErrorBox error={issue.error} />;
  if (!issue.data) return <Loading />;
  const i = issue.data;
  const edit = (patch: Parameters<typeof update.mutate>[0]['patch']) => {
    setConflict(null);
    update.mutate({ issue: i, patch });
  };

  return (
    <article className="issue-detail">
      <header className="issue-head">
        <h1>
          <span className="muted">{i.key}</span> {i.title}
        </h1>
        <div className="row">
          <SeverityBadge severity={i.severity} /> <StatusBadge status={i.status} /> <span className="muted">v{i.version}</span>
        </div>
      </header>
      {conflict ? (
        <div className="conflict" role="alert">
          <strong>Not saved: someone changed {conflict.key} meanwhile (409).</strong> {conflict.message}. The page now shows the issue as it is
          {conflict.current ? ` (version ${conflict.current.version})` : ''}; make your change again if it still applies.
        </div>
      ) : null}
      {update.error && !conflict ? <ErrorBox error={update.error} /> : null}
      {transition.error ? <ErrorBox error={transition.error} /> : null}

      {canEdit ? (
        <div className="row actions" aria-label="Workflow">
          {(ALLOWED[i.status] ?? []).map((action) => (
            <button key={action} type="button" className="ghost" disabled={transition.isPending} onClick={() => transition.mutate({ issue: i, action })}>
              {TRANSITION_LABEL[action]}
            </button>
          ))}
        </div>
      ) : null}

      <div className="detail-grid">
        <section className="card">
          <h2>Fields</h2>
          <dl className="fields">
            <Field label="Severity">
              {canEdit ? (
                <select aria-label="Severity" value={i.severity} onChange={(e) => edit({ severity: e.target.value as IssueView['severity'] })}>
                  {SEVERITIES.map((s) => (
                    <option key={s} value={s}>
                      {severityLabel(s)}
                    </option>
                  ))}
                </select>
              ) : (
                <SeverityBadge severity={i.severity} />
              )}
            </Field>
            <Field label="Owner">
              {canEdit ? <TextEdit label="Owner" value={i.owner ?? ''} onSave={(v) => edit({ owner: v || null })} /> : (i.owner ?? '–')}
            </Field>
            <Field label="Phase">
              {canEdit ? <TextEdit label="Phase" value={i.phase ?? ''} onSave={(v) => edit({ phase: v || null })} /> : (i.phase ?? '–')}
            </Field>
            <Field label="Estimate">{minutes(i.estimateMinutes)}</Field>
            <Field label="Due">{i.dueDate ?? '–'}</Field>
            <Field label="Source">{i.source}</Field>
            <Field label="Labels">{i.labels.length ? i.labels.join(', ') : '–'}</Field>
            <Field label="Files">{i.files.length ? i.files.map((f) => <code key={f}>{f} </code>) : '–'}</Field>
            <Field label="Links">
              {i.links.length
                ? i.links.map((l) => (
                    <span key={l}>
                      {/^https?:\/\//.test(l) ? <a href={l}>{l}</a> : <code>{l}</code>}{' '}
                    </span>
                  ))
                : '–'}
            </Field>
            <Field label="Created">{dateTime(i.createdAt)}</Field>
            <Field label="Started">{dateTime(i.startedAt)}</Field>
            <Field label="Resolved">{dateTime(i.resolvedAt)}</Field>
          </dl>
          {i.description ? <p className="description">{i.description}</p> : null}
        </section>
        <SlaClock project={project} issue={i} />
      </div>

      <Findings project={project} issueKey={i.key} />
      <Comments project={project} issueKey={i.key} comments={i.comments} canEdit={canEdit} />
      <History events={i.history} />
    </article>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function TextEdit({ label, value, onSave }: { label: string; value: string; onSave: (value: string) => void }) {
  return (
    <input
      aria-label={label}
      defaultValue={value}
      key={value}
      onBlur={(e) => {
        if (e.target.value !== value) onSave(e.target.value.trim());
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.currentTarget.blur();
      }}
    />
  );
}

/**
 * The escalation clock per level, as `issue show` prints it: computed by the server's escalation
 * service (the levels' windows, business hours and holidays, pauses while blocked, acks).
 */
function SlaClock({ project, issue }: { project: string; issue: IssueView }) {
  const q = useQuery(issueClocksQuery(project, issue.key));
  const open = issue.status !== 'resolved' && issue.status !== 'wont_fix';
  const breached = q.data?.clocks.some((c) => c.breached) ?? false;
  return (
    <section className={`card sla ${open && breached ? 'breached' : ''}`} aria-label="SLA clock">
      <h2>SLA clock</h2>
      {open ? (
        <p className="big">{age(issue.createdAt).replace(' ago', '')} open</p>
      ) : (
        <p>
          Closed {dateTime(issue.resolvedAt)} after {issue.resolvedAt ? age(issue.createdAt, new Date(issue.resolvedAt).getTime()).replace(' ago', '') : '–'}.
        </p>
      )}
      {q.error ? <ErrorBox error={q.error} /> : null}
      {q.data && q.data.clocks.length === 0 ? <p className="muted">No escalation level applies to this issue.</p> : null}
      {q.data && q.data.clocks.length > 0 ? (
        <ul className="plain clocks">
          {q.data.clocks.map((c) => {
            const fired = q.data.escalations.filter((e) => e.level === c.level).length;
            const notes = [c.paused ? 'paused while blocked' : '', fired ? `escalated${fired > 1 ? ` ${fired}×` : ''}` : '', c.acknowledged ? 'acknowledged' : ''].filter(Boolean);
            return (
              <li key={c.level}>
                <strong>Level {c.level}</strong> <span className="muted">({formatMinutes(c.afterMinutes)}, {c.businessHours ? 'business hours' : 'wall clock'})</span>:{' '}
                {c.breached ? (
                  <strong className="bad">overdue {formatMinutes(-c.leftMinutes)}</strong>
                ) : (
                  <span className="ok">{formatMinutes(c.leftMinutes)} left</span>
                )}
                {c.breachAt ? <span className="muted small"> ({c.breached ? 'breached' : 'breaches'} {dateTime(c.breachAt)})</span> : null}
                {notes.length ? <span className="muted small"> · {notes.join(', ')}</span> : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {issue.dueDate ? <p className="muted">Due {issue.dueDate}.</p> : null}
    </section>
  );
}

function Findings({ project, issueKey }: { project: string; issueKey: string }) {
  const findings = useQuery(issueFindingsQuery(project, issueKey));
  return (
    <section className="card">
      <h2>Findings</h2>
      {findings.error ? <ErrorBox error={findings.error} /> : null}
      {findings.data?.length === 0 ? <p className="muted">No tool finding: this issue was not reported by a scanner.</p> : null}
      {findings.data?.length ? (
        <PlainTable label="Findings table" columns={['Location', 'Rule', 'Tool', 'Message', 'State']}>
            {findings.data.map((f, n) => (
              <tr key={n}>
                <td>
                  <code>
                    {f.file ?? '–'}
                    {f.line !== null ? `:${f.line}` : ''}
                    {f.col !== null ? `:${f.col}` : ''}
                  </code>
                </td>
                <td>
                  <code>{f.rule ?? '–'}</code>
                </td>
                <td>{f.tool}</td>
                <td>{f.message}</td>
                <td>{f.state}</td>
              </tr>
            ))}
          </PlainTable>
      ) : null}
    </section>
  );
}

function Comments({ project, issueKey, comments, canEdit }: { project: string; issueKey: string; comments: { id: number; author: string; body: string; at: string }[]; canEdit: boolean }) {
  const comment = useComment(project, issueKey);
  const [body, setBody] = useState('');
  return (
    <section className="card">
      <h2>Comments</h2>
      {comments.length === 0 ? <p className="muted">No comment yet.</p> : null}
      <ol className="plain comments">
        {comments.map((c) => (
          <li key={c.id}>
            <strong>{c.author}</strong> <span className="muted">{dateTime(c.at)}</span>
            <p>{c.body}</p>
          </li>
        ))}
      </ol>
      {canEdit ? (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            if (body.trim()) comment.mutate(body.trim(), { onSuccess: () => setBody('') });
          }}
        >
          <label>
            Add a comment
            <textarea value={body} onChange={(e) => setBody(e.target.value)} rows={3} />
          </label>
          {comment.error ? <ErrorBox error={comment.error} /> : null}
          <button type="submit" disabled={comment.isPending || !body.trim()}>
            Comment
          </button>
        </form>
      ) : null}
    </section>
  );
}

/** "status: backlog → in_progress; owner: – → Ann": what changed, from the event's `changes`. */
function describe(event: EventView): string {
  const { changes, comment, after } = event.data as { changes?: Record<string, unknown>; comment?: unknown; after?: unknown };
  const parts: string[] = [];
  for (const [field, change] of Object.entries(changes ?? {})) {
    parts.push(Array.isArray(change) && change.length === 2 ? `${field}: ${fmt(change[0])} → ${fmt(change[1])}` : `${field}: ${fmt(change)}`);
  }
  if (typeof comment === 'string') parts.push(`“${comment}”`);
  if (after && !changes) parts.push('created');
  return parts.join('; ');
}
const fmt = (v: unknown): string => (v === null || v === undefined ? '–' : typeof v === 'object' ? JSON.stringify(v) : String(v));

function History({ events }: { events: EventView[] }) {
  return (
    <section className="card">
      <h2>History</h2>
      <PlainTable label="History table" columns={['When', 'Who', 'What', 'Change']}>
          {events.map((e) => (
            <tr key={e.id}>
              <td>{dateTime(e.at)}</td>
              <td>{e.actor}</td>
              <td>{e.action}</td>
              <td className="change">{describe(e)}</td>
            </tr>
          ))}
        </PlainTable>
    </section>
  );
}
