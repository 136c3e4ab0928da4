import { type Selectable, sql } from 'kysely';
import type { Severity, Status } from '../../domain/enums.js';
import {
  type DeliveryRecord,
  type EscalationRecord,
  type EscalationRepo,
  type EscalationView,
  firingKey,
  type SweepIssue,
} from '../../domain/escalation-port.js';
import { type DbContext, parseJson } from '../db-context.js';
import type { EscalationDeliveriesTable, EscalationsTable } from '../schema.js';

// Rows per multi-row statement: well under both databases' bound-parameter limits.
const CHUNK = 500;
const OPEN_STATUSES: Status[] = ['backlog', 'planned', 'in_progress', 'blocked'];
const SWEEP_COLUMNS = [
  'id', 'key', 'title', 'severity', 'status', 'phase', 'labels', 'owner', 'created_at', 'due_date', 'estimate_minutes', 'resolved_at', 'version',
] as const;

type SweepRow = { [K in (typeof SWEEP_COLUMNS)[number]]: unknown };

const toSweepIssue = (r: SweepRow): SweepIssue => ({
  id: Number(r.id),
  key: r.key as string,
  title: r.title as string,
  severity: r.severity as Severity,
  status: r.status as Status,
  phase: r.phase as string | null,
  labels: parseJson(r.labels as string, []),
  owner: r.owner as string | null,
  createdAt: r.created_at as string,
  dueDate: r.due_date as string | null,
  estimateMinutes: r.estimate_minutes === null ? null : Number(r.estimate_minutes),
  resolvedAt: r.resolved_at as string | null,
  version: Number(r.version),
});

const toEscalation = (r: Selectable<EscalationsTable>): EscalationRecord => ({
  id: r.id,
  issueId: r.issue_id,
  issueKey: r.issue_key,
  level: r.level,
  repeat: r.repeat,
  dueAt: r.due_at,
  firedAt: r.fired_at,
  reason: r.reason,
  ackedAt: r.acked_at,
  ackedBy: r.acked_by,
  closedAt: r.closed_at,
});

const toDelivery = (r: Selectable<EscalationDeliveriesTable>): DeliveryRecord => ({
  id: r.id,
  escalationId: r.escalation_id,
  channel: r.channel,
  kind: r.kind,
  state: r.state,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastCode: r.last_code,
  lastError: r.last_error,
  deliveredAt: r.delivered_at,
});

/** Which status an issue event moved the issue to, if it says. */
function statusOf(action: string, data: Record<string, unknown>): Status | null {
  const changes = data.changes as Record<string, [unknown, unknown]> | undefined;
  const after = data.after as Record<string, unknown> | undefined;
  const s = changes?.status?.[1] ?? after?.status;
  if (typeof s === 'string') return s as Status;
  if (action === 'issue.resolved') return 'resolved';
  return null;
}

export function escalationRepo(ctx: DbContext): EscalationRepo {
  const { db } = ctx;
  const sweepSelect = () => db.selectFrom('issues').select(SWEEP_COLUMNS);

  return {
    async policyHash(projectId) {
      const row = await db.selectFrom('escalation_policy').select('hash').where('project_id', '=', projectId).executeTakeFirst();
      return row?.hash ?? null;
    },

    async setPolicyHash(projectId, hash, at) {
      await db
        .insertInto('escalation_policy')
        .values({ project_id: projectId, hash, at })
        .onConflict((oc) => oc.column('project_id').doUpdateSet({ hash, at }))
        .execute();
    },

    async rescheduleAll(projectId) {
      const res = await db
        .updateTable('issues')
        .set({ sla_dirty: 1 })
        .where('project_id', '=', projectId)
        .where('status', 'in', OPEN_STATUSES)
        .executeTakeFirst();
      return Number(res.numUpdatedRows);
    },

    async candidates(projectId, now, limit) {
      // Two index range reads (issues_sla_dirty, issues_sla_next); the literal `sla_dirty = 1`
      // is what lets both databases use the partial index.
      const dirty = await sweepSelect()
        .where('project_id', '=', projectId)
        .where(sql<boolean>`sla_dirty = 1`)
        .orderBy('id')
        .limit(limit)
        .execute();
      if (dirty.length >= limit) return dirty.map(toSweepIssue);
      const due = await sweepSelect()
        .where('project_id', '=', projectId)
        .where('sla_next_at', '<=', now)
        .orderBy('sla_next_at')
        .limit(limit - dirty.length)
        .execute();
      const seen = new Set(dirty.map((r) => r.id));
      return [...dirty, ...due.filter((r) => !seen.has(r.id))].map(toSweepIssue);
    },

    async openIssues(projectId, afterId, limit) {
      const rows = await sweepSelect()
        .where('project_id', '=', projectId)
        .where('status', 'in', OPEN_STATUSES)
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toSweepIssue);
    },

    async upcoming(projectId, limit) {
      const rows = await sweepSelect()
        .where('project_id', '=', projectId)
        .where('sla_next_at', '>=', '')
        .orderBy('sla_next_at')
        .limit(limit)
        .execute();
      return rows.map(toSweepIssue);
    },

    async issue(projectId, key) {
      const row = await sweepSelect().where('project_id', '=', projectId).where('key', '=', key).executeTakeFirst();
      return row ? toSweepIssue(row) : null;
    },

    async statusHistory(projectId, keys) {
      const out = new Map<string, { at: string; status: Status }[]>();
      for (let i = 0; i < keys.length; i += 500) {
        const rows = await db
          .selectFrom('events')
          .select(['entity_key', 'at', 'action', 'data'])
          .where('project_id', '=', projectId)
          .where('entity_key', 'in', keys.slice(i, i + 500))
          .where('entity', '=', 'issue')
          .where('data', 'like', '%status%')
          .orderBy('id')
          .execute();
        for (const r of rows) {
          const status = statusOf(r.action, parseJson<Record<string, unknown>>(r.data, {}));
          if (status === null || r.entity_key === null) continue;
          const list = out.get(r.entity_key) ?? [];
          list.push({ at: r.at, status });
          out.set(r.entity_key, list);
        }
      }
      return out;
    },

    async fired(issueIds) {
      const out = new Map<number, EscalationRecord[]>();
      for (let i = 0; i < issueIds.length; i += 500) {
        const rows = await db.selectFrom('escalations').selectAll().where('issue_id', 'in', issueIds.slice(i, i + 500)).orderBy('id').execute();
        for (const r of rows) {
          const list = out.get(r.issue_id) ?? [];
          list.push(toEscalation(r));
          out.set(r.issue_id, list);
        }
      }
      return out;
    },

    async fire(projectId, rows) {
      const out = new Map<string, number>();
      for (let i = 0; i < rows.length; i += CHUNK) {
        // One multi-row statement; the unique key keeps each firing once however many sweeps race,
        // and RETURNING answers only the rows this statement inserted.
        const inserted = await db
          .insertInto('escalations')
          .values(
            rows.slice(i, i + CHUNK).map((row) => ({
              project_id: projectId,
              issue_id: row.issueId,
              issue_key: row.issueKey,
              level: row.level,
              repeat: row.repeat,
              due_at: row.dueAt,
              fired_at: row.firedAt,
              reason: row.reason,
            })),
          )
          .onConflict((oc) => oc.columns(['issue_id', 'level', 'repeat']).doNothing())
          .returning(['id', 'issue_id', 'level', 'repeat'])
          .execute();
        for (const r of inserted) out.set(firingKey({ issueId: Number(r.issue_id), level: Number(r.level), repeat: Number(r.repeat) }), Number(r.id));
      }
      return out;
    },

    async schedule(issueId, version, nextAt) {
      const res = await db
        .updateTable('issues')
        .set({ sla_next_at: nextAt, sla_dirty: 0 })
        .where('id', '=', issueId)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(res.numUpdatedRows) > 0;
    },

    async scheduleMany(rows) {
      const done = new Set<number>();
      for (let i = 0; i < rows.length; i += CHUNK) {
        const chunk = rows.slice(i, i + CHUNK);
        // One UPDATE per chunk: the next look by a CASE on the id, and a row only while its
        // version is still the one planned from (a concurrent edit wins, as in `schedule`).
        const nextAt = sql<string | null>`case id ${sql.join(chunk.map((r) => sql`when ${r.issueId} then ${r.nextAt}`), sql` `)} end`;
        const pairs = sql.join(chunk.map((r) => sql`(${r.issueId}, ${r.version})`));
        const updated = await db
          .updateTable('issues')
          .set({ sla_next_at: nextAt, sla_dirty: 0 })
          .where('id', 'in', chunk.map((r) => r.issueId))
          .where(sql<boolean>`(id, version) in (${pairs})`)
          .returning('id')
          .execute();
        for (const r of updated) done.add(Number(r.id));
      }
      return done;
    },

    async addDeliveries(projectId, rows, at) {
      for (let i = 0; i < rows.length; i += CHUNK) {
        await db
          .insertInto('escalation_deliveries')
          .values(
            rows.slice(i, i + CHUNK).map((c) => ({
              project_id: projectId,
              escalation_id: c.escalationId,
              channel: c.channel,
              kind: c.kind,
              state: 'pending' as const,
              attempts: 0,
              next_attempt_at: at,
            })),
          )
          .onConflict((oc) => oc.columns(['escalation_id', 'channel']).doNothing())
          .execute();
      }
    },

    async list(projectId, options = {}) {
      let q = db
        .selectFrom('escalations as e')
        .innerJoin('issues as i', 'i.id', 'e.issue_id')
        .selectAll('e')
        .select(['i.severity', 'i.status', 'i.title'])
        .where('e.project_id', '=', projectId);
      if (options.issueKey !== undefined) q = q.where('e.issue_key', '=', options.issueKey);
      if (options.since !== undefined) q = q.where('e.fired_at', '>=', options.since);
      if (options.until !== undefined) q = q.where('e.fired_at', '<', options.until);
      if (options.open) q = q.where('e.acked_at', 'is', null).where('e.closed_at', 'is', null);
      if (options.failed) {
        q = q.where((eb) =>
          eb.exists(
            eb.selectFrom('escalation_deliveries as d').select('d.id').whereRef('d.escalation_id', '=', 'e.id').where('d.state', 'in', ['dead', 'retrying']),
          ),
        );
      }
      const rows = await q.orderBy('e.fired_at', 'desc').orderBy('e.id', 'desc').limit(options.limit ?? 1_000).execute();
      const ids = rows.map((r) => r.id);
      const deliveries = new Map<number, DeliveryRecord[]>();
      for (let i = 0; i < ids.length; i += 500) {
        const ds = await db.selectFrom('escalation_deliveries').selectAll().where('escalation_id', 'in', ids.slice(i, i + 500)).orderBy('id').execute();
        for (const d of ds) deliveries.set(d.escalation_id, [...(deliveries.get(d.escalation_id) ?? []), toDelivery(d)]);
      }
      return rows.map(
        (r): EscalationView => ({
          ...toEscalation(r),
          severity: r.severity as Severity,
          status: r.status as Status,
          title: r.title,
          deliveries: deliveries.get(r.id) ?? [],
        }),
      );
    },

    async breaches(projectId) {
      const swept = await db.selectFrom('escalation_policy').select('project_id').where('project_id', '=', projectId).executeTakeFirst();
      if (!swept) return null;
      const rows = await db
        .selectFrom('escalations as e')
        .innerJoin('issues as i', 'i.id', 'e.issue_id')
        .select(['e.issue_key', 'i.severity', 'e.level'])
        .select((eb) => [
          eb.fn.min('e.fired_at').as('fired_at'),
          eb.fn.sum<number>(eb.case().when('e.acked_at', 'is', null).then(1).else(0).end()).as('waiting'),
        ])
        .where('e.project_id', '=', projectId)
        .where('e.closed_at', 'is', null)
        .where('i.status', 'in', OPEN_STATUSES)
        .groupBy(['e.issue_key', 'i.severity', 'e.level'])
        .orderBy('e.level')
        .orderBy('e.issue_key')
        .execute();
      return rows.map((r) => ({
        issueKey: r.issue_key,
        severity: r.severity as Severity,
        level: Number(r.level),
        firedAt: r.fired_at,
        acknowledged: Number(r.waiting) === 0,
      }));
    },

    async acknowledge(issueId, level, by, at) {
      let q = db
        .updateTable('escalations')
        .set({ acked_at: at, acked_by: by })
        .where('issue_id', '=', issueId)
        .where('acked_at', 'is', null);
      if (level !== null) q = q.where('level', '=', level);
      const rows = await q.returningAll().execute();
      return rows.map(toEscalation);
    },

    async closeForIssues(issueIds, at) {
      let n = 0;
      for (let i = 0; i < issueIds.length; i += 500) {
        const res = await db
          .updateTable('escalations')
          .set({ closed_at: at })
          .where('issue_id', 'in', issueIds.slice(i, i + 500))
          .where('closed_at', 'is', null)
          .executeTakeFirst();
        n += Number(res.numUpdatedRows);
      }
      return n;
    },

    async dueDeliveries(now, limit) {
      const rows = await db
        .selectFrom('escalation_deliveries')
        .select('id')
        .where('state', 'in', ['pending', 'retrying'])
        .where('next_attempt_at', '<=', now)
        .orderBy('next_attempt_at')
        .limit(limit)
        .execute();
      return rows.map((r) => r.id);
    },

    async claimDelivery(id, now, leaseUntil) {
      // A conditional update is the claim: of two processes racing for one delivery, one
      // changes the row and the other changes nothing.
      const res = await db
        .updateTable('escalation_deliveries')
        .set({ lease_until: leaseUntil })
        .where('id', '=', id)
        .where('state', 'in', ['pending', 'retrying'])
        .where('next_attempt_at', '<=', now)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) return null;
      const row = await db
        .selectFrom('escalation_deliveries as d')
        .innerJoin('escalations as e', 'e.id', 'd.escalation_id')
        .innerJoin('issues as i', 'i.id', 'e.issue_id')
        .innerJoin('projects as p', 'p.id', 'd.project_id')
        .selectAll('d')
        .select([
          'e.issue_id', 'e.issue_key', 'e.level', 'e.repeat', 'e.due_at', 'e.fired_at', 'e.reason', 'e.acked_at', 'e.acked_by', 'e.closed_at',
          'i.title', 'i.severity', 'i.status', 'i.owner', 'p.key as project_key', 'p.name as project_name',
        ])
        .where('d.id', '=', id)
        .executeTakeFirstOrThrow();
      return {
        delivery: toDelivery(row),
        escalation: {
          id: row.escalation_id,
          issueId: row.issue_id,
          issueKey: row.issue_key,
          level: row.level,
          repeat: row.repeat,
          dueAt: row.due_at,
          firedAt: row.fired_at,
          reason: row.reason,
          ackedAt: row.acked_at,
          ackedBy: row.acked_by,
          closedAt: row.closed_at,
        },
        issue: { key: row.issue_key, title: row.title, severity: row.severity as Severity, status: row.status as Status, owner: row.owner },
        project: { id: row.project_id, key: row.project_key, name: row.project_name },
      };
    },

    async recordAttempt(id, attempt, next) {
      await db
        .insertInto('delivery_attempts')
        .values({ delivery_id: id, at: attempt.at, outcome: attempt.outcome, code: attempt.code, error: attempt.error, ms: attempt.ms })
        .execute();
      await db
        .updateTable('escalation_deliveries')
        .set((eb) => ({
          state: next.state,
          attempts: eb('attempts', '+', 1),
          next_attempt_at: next.nextAttemptAt,
          lease_until: null,
          last_code: attempt.code,
          last_error: attempt.error,
          delivered_at: next.state === 'delivered' ? attempt.at : null,
        }))
        .where('id', '=', id)
        .execute();
    },

    async attempts(deliveryId) {
      const rows = await db.selectFrom('delivery_attempts').selectAll().where('delivery_id', '=', deliveryId).orderBy('id').execute();
      return rows.map((r) => ({ at: r.at, outcome: r.outcome as 'delivered' | 'failed' | 'timeout', code: r.code, error: r.error, ms: r.ms }));
    },

    async tallies(projectId) {
      const [breaches, deliveries] = await Promise.all([
        db
          .selectFrom('escalations')
          .select(['level', (eb) => eb.fn.countAll<number>().as('n')])
          .where('project_id', '=', projectId)
          .where('repeat', '=', 0)
          .where('closed_at', 'is', null)
          .groupBy('level')
          .execute(),
        db
          .selectFrom('escalation_deliveries as d')
          .innerJoin('escalations as e', 'e.id', 'd.escalation_id')
          .select(['e.level', 'd.channel', 'd.state', (eb) => eb.fn.countAll<number>().as('n')])
          .where('d.project_id', '=', projectId)
          .groupBy(['e.level', 'd.channel', 'd.state'])
          .execute(),
      ]);
      return {
        breaches: breaches.map((r) => ({ level: r.level, count: Number(r.n) })),
        deliveries: deliveries.map((r) => ({ level: r.level, channel: r.channel, state: r.state, count: Number(r.n) })),
      };
    },

    async nextDeliveryAt() {
      const row = await db
        .selectFrom('escalation_deliveries')
        .select((eb) => eb.fn.min('next_attempt_at').as('at'))
        .where('state', 'in', ['pending', 'retrying'])
        .executeTakeFirst();
      return (row?.at) ?? null;
    },
  };
}
