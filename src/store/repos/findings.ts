// The findings repository: Kysely for the occasional query, raw batched statements (see
// ../bulk.ts) for the paths that scale with the size of a report.
import { type Selectable, sql } from 'kysely';
import type { Severity, Status } from '../../domain/enums.js';
import type { FindingRecord, FindingRepo, FindingState, GroupIssue, Metric, MetricKind, StoredFinding } from '../../domain/findings-port.js';
import { type DbContext, json, parseJson } from '../db-context.js';
import { bulkInsert, bulkUpdate, type Column, prepared } from '../bulk.js';
import type { FindingsTable } from '../schema.js';

const int = (name: string): Column => ({ name, pg: 'int' });
const text = (name: string): Column => ({ name, pg: 'text' });

const FINDING_INSERT = {
  table: 'findings',
  fixed: [int('project_id'), text('tool'), text('scope'), int('first_run_id'), int('last_run_id'), text('first_seen'), text('last_seen')],
  perRow: [text('fingerprint'), text('rule'), text('level'), text('message'), text('file'), int('line'), int('col'), int('issue_id'), text('state'), text('data')],
};

const FINDING_UPDATE = {
  table: 'findings',
  key: int('id'),
  perRow: [text('state'), text('level'), text('message'), int('line'), int('col'), int('issue_id')],
  fixed: [int('last_run_id'), text('last_seen')],
};

const ISSUE_INSERT = {
  table: 'issues',
  fixed: [int('project_id'), text('status'), text('created_at'), text('updated_at')],
  perRow: [text('key'), text('title'), text('severity'), text('files'), text('description'), text('source'), text('group_key')],
  returning: ['id', 'key'],
};

const ISSUE_UPDATE = {
  table: 'issues',
  key: int('id'),
  perRow: [text('title'), text('severity'), text('status'), text('labels'), text('resolved_at')],
  fixed: [text('updated_at')],
  // sla_dirty: the escalation sweep looks at a changed issue again (src/services/escalation.ts).
  also: 'version = version + 1, sla_dirty = 1',
};

const EVENT_INSERT = {
  table: 'events',
  fixed: [int('project_id')],
  perRow: [text('at'), text('actor'), text('action'), text('entity'), text('entity_key'), text('data')],
};

const FINDING_COLUMNS = 'id, fingerprint, state, issue_id, rule, level, message, file, line, col';

type FindingRow = Pick<Selectable<FindingsTable>, 'id' | 'fingerprint' | 'state' | 'issue_id' | 'rule' | 'level' | 'message' | 'file' | 'line' | 'col'>;

const toStored = (r: FindingRow): StoredFinding => ({
  id: r.id,
  fingerprint: r.fingerprint,
  state: r.state,
  issueId: r.issue_id,
  rule: r.rule,
  level: r.level,
  message: r.message,
  file: r.file,
  line: r.line,
  col: r.col,
});

export function findingRepo(ctx: DbContext): FindingRepo {
  const { db } = ctx;

  async function records(where: { issueId?: number; projectId?: number; fingerprint?: string }): Promise<FindingRecord[]> {
    let query = db.selectFrom('findings').selectAll();
    if (where.issueId !== undefined) query = query.where('issue_id', '=', where.issueId);
    if (where.projectId !== undefined) query = query.where('project_id', '=', where.projectId);
    if (where.fingerprint !== undefined) query = query.where('fingerprint', '=', where.fingerprint);
    const rows = await query.orderBy('file').orderBy('line').orderBy('id').limit(10_000).execute();
    return rows.map((r) => ({
      ...toStored(r),
      tool: r.tool,
      scope: r.scope,
      firstRunId: r.first_run_id,
      lastRunId: r.last_run_id,
      fixedRunId: r.fixed_run_id,
      firstSeen: r.first_seen,
      lastSeen: r.last_seen,
      data: parseJson(r.data, {}),
    }));
  }

  return {
    async snapshot(projectId, tool, scope) {
      let findings: StoredFinding[];
      if (ctx.sqlite !== null) {
        // Rows as arrays: 200,000 of them are read on every re-ingest, one object each is enough.
        const rows = prepared(ctx.sqlite, `SELECT ${FINDING_COLUMNS} FROM findings WHERE project_id = ? AND tool = ? AND scope = ?`).raw(true).all(projectId, tool, scope) as unknown[][];
        findings = rows.map((r) => ({
          id: r[0] as number,
          fingerprint: r[1] as string,
          state: r[2] as FindingState,
          issueId: r[3] as number | null,
          rule: r[4] as string | null,
          level: r[5] as string | null,
          message: r[6] as string,
          file: r[7] as string | null,
          line: r[8] as number | null,
          col: r[9] as number | null,
        }));
      } else {
        // Two ingests of one (tool, scope) at once would both insert the same new findings: the
        // second waits here for the first to commit, then reconciles against it. (SQLite's write
        // lock already serialises whole transactions.) Outside a transaction it is released at once.
        await sql`SELECT pg_advisory_xact_lock(${projectId}::int, hashtext(${`${tool}\u001f${scope}`}))`.execute(db);
        findings = (await sql<FindingRow>`SELECT ${sql.raw(FINDING_COLUMNS)} FROM findings WHERE project_id = ${projectId} AND tool = ${tool} AND scope = ${scope}`.execute(db)).rows.map(toStored);
      }
      const prefix = `${tool}\u001f${scope}\u001f`;
      const columns = ['id', 'key', 'title', 'severity', 'status', 'labels', 'manual_fields', 'group_key', 'resolved_at', 'version'] as const;
      // The scope's groups by key prefix (substr is spelled the same on both dialects) ...
      const rows = await db.selectFrom('issues').select(columns).where('project_id', '=', projectId).where(sql`substr(group_key, 1, ${prefix.length})`, '=', prefix).execute();
      // ... plus any other issue a finding points at (a person may have moved findings).
      const known = new Set(rows.map((r) => r.id));
      const others = [...new Set(findings.map((f) => f.issueId))].filter((id): id is number => id !== null && !known.has(id));
      for (let i = 0; i < others.length; i += 1_000) {
        rows.push(...(await db.selectFrom('issues').select(columns).where('id', 'in', others.slice(i, i + 1_000)).execute()));
      }
      return {
        findings,
        issues: rows.map(
          (r): GroupIssue => ({
            id: r.id,
            key: r.key,
            title: r.title,
            severity: r.severity as Severity,
            status: r.status as Status,
            labels: parseJson(r.labels, []),
            manualFields: parseJson(r.manual_fields, []),
            groupKey: r.group_key,
            resolvedAt: r.resolved_at,
            version: r.version,
          }),
        ),
      };
    },

    async insertRun(projectId, run) {
      const row = await db
        .insertInto('runs')
        .values({ project_id: projectId, tool: run.tool, scope: run.scope, commit_sha: run.commit, at: run.at, actor: run.actor, stats: json(run.stats) })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async insertIssues(projectId, rows, at) {
      if (rows.length === 0) return [];
      const returned = await bulkInsert(
        ctx,
        ISSUE_INSERT,
        [projectId, 'backlog', at, at],
        rows.map((r) => [r.key, r.title, r.severity, json(r.files), r.description, r.source, r.groupKey]),
      );
      const byKey = new Map(returned.map((r) => [String(r.key), Number(r.id)]));
      return rows.map((r) => byKey.get(r.key) ?? -1);
    },

    async updateIssues(rows, at) {
      if (rows.length === 0) return;
      await bulkUpdate(ctx, ISSUE_UPDATE, [at], rows.map((r) => [r.id, r.title, r.severity, r.status, json(r.labels), r.resolvedAt]));
    },

    async insertFindings(projectId, tool, scope, runId, at, rows) {
      if (rows.length === 0) return;
      await bulkInsert(
        ctx,
        FINDING_INSERT,
        [projectId, tool, scope, runId, runId, at, at],
        rows.map((r) => [r.fingerprint, r.rule, r.level, r.message, r.file, r.line, r.col, r.issueId, r.state, r.data]),
      );
    },

    async updateFindings(runId, at, rows) {
      if (rows.length === 0) return;
      await bulkUpdate(ctx, FINDING_UPDATE, [runId, at], rows.map((r) => [r.id, r.state, r.level, r.message, r.line, r.col, r.issueId]));
    },

    async fixFindings(runId, at, ids) {
      for (let start = 0; start < ids.length; start += 10_000) {
        const batch = ids.slice(start, start + 10_000);
        if (ctx.sqlite !== null) {
          prepared(ctx.sqlite, `UPDATE findings SET state = 'fixed', fixed_run_id = ?, last_run_id = ?, last_seen = ? WHERE id IN (SELECT value FROM json_each(?))`).run(runId, runId, at, JSON.stringify(batch));
        } else {
          await sql`UPDATE findings SET state = 'fixed', fixed_run_id = ${runId}, last_run_id = ${runId}, last_seen = ${at} WHERE id = ANY(${batch}::int[])`.execute(db);
        }
      }
    },

    async appendEvents(projectId, events, at) {
      if (events.length === 0) return;
      await bulkInsert(ctx, EVENT_INSERT, [projectId], events.map((e) => [e.at ?? at, e.actor, e.action, e.entity, e.entityKey, json(e.data)]));
    },

    async recordMetric(projectId, metric) {
      await db
        .insertInto('metrics')
        .values({ project_id: projectId, kind: metric.kind, scope: metric.scope, run_id: metric.runId, at: metric.at, data: json(metric.data) })
        .execute();
    },

    async latestMetric(projectId, kind: MetricKind, scope?: string): Promise<Metric | null> {
      let query = db.selectFrom('metrics').selectAll().where('project_id', '=', projectId).where('kind', '=', kind);
      if (scope !== undefined) query = query.where('scope', '=', scope);
      const row = await query.orderBy('at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
      if (row === undefined) return null;
      return { kind, scope: row.scope, runId: row.run_id, at: row.at, data: parseJson(row.data, {}) };
    },

    forIssue: (issueId) => records({ issueId }),
    byFingerprint: (projectId, fingerprint) => records({ projectId, fingerprint }),
  };
}
