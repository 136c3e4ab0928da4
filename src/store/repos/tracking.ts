import { SEVERITIES, STATUSES, type Severity, type Status } from '../../domain/enums.js';
import {
  COVERAGE_FIELDS,
  type IssueFact,
  type IssueQuery,
  type LatestMetrics,
  type ScopedCoverage,
  type ScopedTests,
  type Signoff,
  type Snapshot,
  type SnapshotCounts,
  type ToolFailure,
  type TrackingRepo,
} from '../../domain/tracking-port.js';
import { type Expression, type Selectable, type SqlBool, sql } from 'kysely';
import { dialectOps } from '../dialect.js';
import { type DbContext, json, parseJson } from '../db-context.js';
import { foldText } from '../../domain/search-text.js';
import type { SignoffsTable } from '../schema.js';

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const pct = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Snapshots written by an older build may lack a severity or status: fill with zeros. */
function fullCounts(raw: unknown): SnapshotCounts {
  const src = (raw ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const out = {} as SnapshotCounts;
  for (const sev of SEVERITIES) {
    out[sev] = {} as Record<Status, number>;
    for (const st of STATUSES) out[sev][st] = num(src[sev]?.[st]);
  }
  return out;
}

const NO_LABELS: readonly string[] = Object.freeze([]);
// The advisory-lock namespace of the sign-off chain (any constant other code does not use).
const SIGNOFF_LOCK = 0x50_4c_53;
const CLOSED: Status[] = ['resolved', 'wont_fix'];
const OPEN: Status[] = STATUSES.filter((s) => !CLOSED.includes(s));
const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export function trackingRepo(ctx: DbContext): TrackingRepo {
  const { db } = ctx;
  const dialect = dialectOps(ctx.dialect);

  /** The newest row of each scope of a kind: no later row of the same scope exists. */
  function latestPerScope(projectId: number, kind: 'tests' | 'coverage') {
    return db
      .selectFrom('metrics as m')
      .select(['m.scope', 'm.at', 'm.data'])
      .where('m.project_id', '=', projectId)
      .where('m.kind', '=', kind)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('metrics as n')
              .select('n.id')
              .whereRef('n.project_id', '=', 'm.project_id')
              .whereRef('n.kind', '=', 'm.kind')
              .whereRef('n.scope', '=', 'm.scope')
              .where((n) => n.or([n('n.at', '>', n.ref('m.at')), n.and([n('n.at', '=', n.ref('m.at')), n('n.id', '>', n.ref('m.id'))])])),
          ),
        ),
      )
      .orderBy('m.scope')
      .execute();
  }

  async function latestTests(projectId: number): Promise<ScopedTests[]> {
    const rows = await latestPerScope(projectId, 'tests');
    return rows.map((r) => {
      const d = parseJson<Record<string, unknown>>(r.data, {});
      return { scope: r.scope, failed: num(d.failed), passed: num(d.passed), skipped: num(d.skipped), total: num(d.total), at: r.at };
    });
  }

  async function latestCoverage(projectId: number): Promise<ScopedCoverage[]> {
    const rows = await latestPerScope(projectId, 'coverage');
    return rows.map((r) => {
      const d = parseJson<Record<string, unknown>>(r.data, {});
      const counts: ScopedCoverage['counts'] = {};
      for (const f of COVERAGE_FIELDS) {
        const covered = d[`${f}Covered`];
        const total = d[`${f}Total`];
        if (typeof covered === 'number' && typeof total === 'number') counts[f] = { covered, total };
      }
      return { scope: r.scope, lines: pct(d.lines), branches: pct(d.branches), functions: pct(d.functions), statements: pct(d.statements), at: r.at, counts };
    });
  }

  async function failures(projectId: number): Promise<ToolFailure[]> {
    const rows = await db.selectFrom('tool_failures').selectAll().where('project_id', '=', projectId).orderBy('name').orderBy('scope').execute();
    return rows.map((r) => ({ name: r.name, tool: r.tool, scope: r.scope, at: r.at, exitCode: r.exit_code, reason: r.reason }));
  }

  const toSignoff = (r: Selectable<SignoffsTable>): Signoff => ({
    id: r.id,
    checklistKey: r.checklist_key,
    itemText: r.item_text,
    actor: r.actor,
    at: r.at,
    stateHash: r.state_hash,
    prevHash: r.prev_hash,
    hash: r.hash,
  });

  /** The open issues' estimates, to be grouped: their sum, how many have one, how many in all. */
  const openSums = (projectId: number) =>
    db
      .selectFrom('issues')
      .select((eb) => [
        eb.fn.sum<number | string | null>('estimate_minutes').as('minutes'),
        eb.fn.count<number | string>('estimate_minutes').as('estimated'),
        eb.fn.countAll<number | string>().as('n'),
      ])
      .where('project_id', '=', projectId)
      .where('status', 'in', OPEN);
  const sums = (r: { minutes: number | string | null; estimated: number | string; n: number | string }) => ({
    minutes: Number(r.minutes ?? 0),
    estimated: Number(r.estimated),
    unestimated: Number(r.n) - Number(r.estimated),
  });

  return {
    async setItemDone(projectId, item, done) {
      const res = await db
        .updateTable('check_items')
        .set({ done: done.done ? 1 : 0, done_by: done.by, done_at: done.at })
        .where('project_id', '=', projectId)
        .where('list_type', '=', item.listType)
        .where('list_key', '=', item.listKey)
        .where('ord', '=', item.ord)
        .executeTakeFirst();
      return Number(res.numUpdatedRows) > 0;
    },

    async recordKpiValue(projectId, v) {
      await db.insertInto('kpi_values').values({ project_id: projectId, kpi_key: v.key, value: v.value, at: v.at, actor: v.actor }).execute();
    },

    async kpiValues(projectId, key) {
      let q = db.selectFrom('kpi_values').select(['kpi_key', 'value', 'at', 'actor']).where('project_id', '=', projectId);
      if (key !== undefined) q = q.where('kpi_key', '=', key);
      const rows = await q.orderBy('at').orderBy('id').execute();
      return rows.map((r) => ({ key: r.kpi_key, value: Number(r.value), at: r.at, actor: r.actor }));
    },

    async latestKpiValues(projectId) {
      const rows = await db
        .selectFrom('kpi_values as v')
        .select(['v.kpi_key', 'v.value', 'v.at', 'v.actor'])
        .where('v.project_id', '=', projectId)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('kpi_values as w')
                .select('w.id')
                .whereRef('w.project_id', '=', 'v.project_id')
                .whereRef('w.kpi_key', '=', 'v.kpi_key')
                .where((eb) => eb.or([eb('w.at', '>', eb.ref('v.at')), eb.and([eb('w.at', '=', eb.ref('v.at')), eb('w.id', '>', eb.ref('v.id'))])])),
            ),
          ),
        )
        .orderBy('v.kpi_key')
        .execute();
      return rows.map((r) => ({ key: r.kpi_key, value: Number(r.value), at: r.at, actor: r.actor }));
    },

    async upsertSnapshot(projectId, s) {
      const data = json({ counts: s.counts });
      await db
        .insertInto('snapshots')
        .values({ project_id: projectId, day: s.day, at: s.at, data })
        .onConflict((oc) => oc.columns(['project_id', 'day']).doUpdateSet({ at: s.at, data }))
        .execute();
    },

    async snapshots(projectId, range = {}) {
      let q = db.selectFrom('snapshots').select(['day', 'at', 'data']).where('project_id', '=', projectId);
      if (range.from !== undefined) q = q.where('day', '>=', range.from);
      if (range.to !== undefined) q = q.where('day', '<=', range.to);
      const rows = await q.orderBy('day').execute();
      return rows.map(
        (r): Snapshot => ({ day: r.day, at: r.at, counts: fullCounts(parseJson<{ counts?: unknown }>(r.data, {}).counts) }),
      );
    },

    async lockSignoffChain(projectId) {
      // SQLite writes are serialised already; PostgreSQL needs a transaction-scoped lock.
      await dialect.transactionLock(db, SIGNOFF_LOCK, projectId);
    },

    async appendSignoff(projectId, s) {
      const row = await db
        .insertInto('signoffs')
        .values({
          project_id: projectId,
          checklist_key: s.checklistKey,
          item_text: s.itemText,
          actor: s.actor,
          at: s.at,
          state_hash: s.stateHash,
          prev_hash: s.prevHash,
          hash: s.hash,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toSignoff(row);
    },

    async signoffs(projectId) {
      const rows = await db.selectFrom('signoffs').selectAll().where('project_id', '=', projectId).orderBy('id').execute();
      return rows.map(toSignoff);
    },

    async signoffEvents(projectId) {
      const rows = await db
        .selectFrom('events')
        .select(['entity_key', 'at', 'data'])
        .where('project_id', '=', projectId)
        .where('action', '=', 'signoff.approved')
        .orderBy('id')
        .execute();
      return rows.map((r) => {
        const d = parseJson<{ text?: unknown; hash?: unknown }>(r.data, {});
        return { checklistKey: r.entity_key ?? '', itemText: typeof d.text === 'string' ? d.text : '', hash: typeof d.hash === 'string' ? d.hash : '', at: r.at };
      });
    },

    async latestMetrics(projectId): Promise<LatestMetrics> {
      const [tests, coverage, failed, issue, run] = await Promise.all([
        latestTests(projectId),
        latestCoverage(projectId),
        failures(projectId),
        db.selectFrom('issues').select('id').where('project_id', '=', projectId).limit(1).executeTakeFirst(),
        db.selectFrom('runs').select('id').where('project_id', '=', projectId).limit(1).executeTakeFirst(),
      ]);
      return { tests, coverage, failures: failed, register: { issues: issue !== undefined, toolRuns: run !== undefined } };
    },

    async recordToolFailure(projectId, f) {
      await db.deleteFrom('tool_failures').where('project_id', '=', projectId).where('name', '=', f.name).where('scope', '=', f.scope).execute();
      await db
        .insertInto('tool_failures')
        .values({ project_id: projectId, name: f.name, scope: f.scope, tool: f.tool, at: f.at, exit_code: f.exitCode, reason: f.reason })
        .execute();
    },

    async clearToolFailures(projectId, which) {
      let q = db.deleteFrom('tool_failures').where('project_id', '=', projectId).where('scope', '=', which.scope);
      q = 'name' in which ? q.where('name', '=', which.name) : q.where('tool', '=', which.tool);
      await q.execute();
    },

    async openEstimates(projectId) {
      const rows = await openSums(projectId).select('phase').groupBy('phase').execute();
      return rows.map((r) => ({ phase: r.phase, ...sums(r) }));
    },

    async openLoadByOwner(projectId, owners) {
      if (owners.length === 0) return [];
      // Matched as the owner filter of the issue list matches (case- and accent-folded, indexed).
      const folded = new Map(owners.map((o) => [foldText(o), o]));
      const rows = await openSums(projectId).select('fold_owner').where('fold_owner', 'in', [...folded.keys()]).groupBy('fold_owner').execute();
      return rows.map((r) => {
        const { minutes, unestimated } = sums(r);
        return { owner: folded.get(r.fold_owner) ?? r.fold_owner, count: Number(r.n), minutes, unestimated };
      });
    },

    async closedBetween(projectId, from, to) {
      const rows = await db
        .selectFrom('issues')
        .select(['key', 'severity'])
        .where('project_id', '=', projectId)
        .where('status', 'in', CLOSED)
        .where('resolved_at', '>=', from)
        .where('resolved_at', '<', to)
        .orderBy('id')
        .execute();
      return rows.map((r) => ({ key: r.key, severity: r.severity as Severity }));
    },

    async countIssues(projectId, queries, sample) {
      const matching = (q: IssueQuery) =>
        db
          .selectFrom('issues')
          .where('project_id', '=', projectId)
          .where((eb) => {
            const and: Expression<SqlBool>[] = [];
            if (q.severity?.length) and.push(eb('severity', 'in', q.severity));
            if (q.status?.length) and.push(eb('status', 'in', q.status));
            if (q.phase?.length) and.push(eb('phase', 'in', q.phase));
            // "in" the open statuses, not "not in" the closed ones: it ranges over the state index.
            if (q.open === true) and.push(eb('status', 'in', OPEN));
            if (q.open === false) and.push(eb('status', 'in', CLOSED));
            if (q.label?.length) {
              // Labels are a JSON array of strings: match the quoted label, wildcards escaped.
              and.push(eb.or(q.label.map((l) => sql<SqlBool>`labels like ${`%${escapeLike(JSON.stringify(l))}%`} escape '\\'`)));
            }
            return eb.and(and);
          });
      const out = [];
      for (const q of queries) {
        const row = await matching(q).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
        const count = Number(row?.n ?? 0);
        const keys = count > 0 && sample > 0 ? (await matching(q).select('key').orderBy('id').limit(sample).execute()).map((r) => r.key) : [];
        out.push({ count, keys });
      }
      return out;
    },

    async issueFacts(projectId) {
      // The hot path of every gate: on SQLite a raw prepared statement skips Kysely's row mapping.
      const columns = ['key', 'severity', 'status', 'phase', 'labels', 'resolved_at'] as const;
      const query = db.selectFrom('issues').select(columns).where('project_id', '=', projectId).orderBy('id');
      const rows = (await dialect.arrays(ctx, query, columns)) as [string, string, string, string | null, string, string | null][];
      return rows.map(
        ([key, severity, status, phase, labels, resolvedAt]): IssueFact => ({
          key,
          severity: severity as Severity,
          status: status as Status,
          phase,
          labels: labels === '[]' ? NO_LABELS : parseJson<string[]>(labels, []),
          resolvedAt,
        }),
      );
    },
  };
}
