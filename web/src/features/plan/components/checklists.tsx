// Checklists and phase tasks with live rule results: tick/untick manual items, sign off
// (tamper-evident), and verify the sign-off chain.
import { useQuery } from '@tanstack/react-query';
import { VerdictBadge } from '../../../components/badges.tsx';
import { Card, ErrorBox, Loading } from '../../../components/states.tsx';
import { dateTime } from '../../../lib/format.ts';
import { checklistsQuery, signoffsQuery, useCheckItem, verifyQuery } from '../api/plan.ts';

export function Checklists({ project, canEdit }: { project: string; canEdit: boolean }) {
  const lists = useQuery(checklistsQuery(project));
  const check = useCheckItem(project);
  if (lists.error) return <ErrorBox error={lists.error} />;
  if (!lists.data) return <Loading />;
  return (
    <>
      {check.error ? <ErrorBox error={check.error} /> : null}
      <div className="grid-cards">
        {lists.data.map((list) => (
          <Card
            key={list.key}
            title={
              <>
                <VerdictBadge verdict={list.passed ? 'pass' : list.counts.fail ? 'fail' : 'unknown'} /> {list.title}{' '}
                <span className="muted small">
                  {list.counts.pass}/{list.items.length}
                </span>
              </>
            }
          >
            <ul className="plain check-items" aria-label={list.title}>
              {list.items.map((item) => (
                <li key={item.index} data-status={item.status}>
                  <div className="row">
                    {item.manual && canEdit ? (
                      <input
                        type="checkbox"
                        aria-label={`Done: ${item.text}`}
                        checked={item.status === 'pass'}
                        disabled={check.isPending}
                        onChange={(e) => check.mutate({ list: list.key, index: item.index, action: e.target.checked ? 'tick' : 'untick' })}
                      />
                    ) : (
                      <VerdictBadge verdict={item.status} />
                    )}
                    <span>{item.text}</span>
                    {canEdit ? (
                      <button type="button" className="ghost small" onClick={() => check.mutate({ list: list.key, index: item.index, action: 'approve' })}>
                        Sign off
                      </button>
                    ) : null}
                  </div>
                  {item.rule ? (
                    <div className="muted small">
                      rule <code>{item.rule}</code>
                    </div>
                  ) : null}
                  {item.reason && item.status !== 'pass' ? (
                    <div className="muted small">
                      {item.reason}
                      {item.fix ? ` — fix: ${item.fix}` : ''}
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
          </Card>
        ))}
      </div>
      <Signoffs project={project} />
    </>
  );
}

function Signoffs({ project }: { project: string }) {
  const signoffs = useQuery(signoffsQuery(project));
  const verify = useQuery(verifyQuery(project));
  return (
    <Card title="Sign-offs">
      {signoffs.data?.length === 0 ? <p className="muted">No sign-off yet.</p> : null}
      {signoffs.data?.length ? (
        <table className="plain-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Checklist</th>
              <th scope="col">Item</th>
              <th scope="col">Hash</th>
            </tr>
          </thead>
          <tbody>
            {signoffs.data.map((s) => (
              <tr key={s.hash}>
                <td>{dateTime(s.at)}</td>
                <td>{s.actor}</td>
                <td>{s.checklist}</td>
                <td>{s.item}</td>
                <td>
                  <code>{s.hash.slice(0, 12)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <div className="row">
        <button type="button" className="ghost" onClick={() => void verify.refetch()}>
          Verify the chain
        </button>
        {verify.data ? (
          <span role="status">
            <VerdictBadge verdict={verify.data.ok ? 'pass' : 'fail'} label={verify.data.ok ? 'CHAIN INTACT' : 'CHAIN BROKEN'} />
          </span>
        ) : null}
        {verify.error ? <ErrorBox error={verify.error} /> : null}
      </div>
    </Card>
  );
}
