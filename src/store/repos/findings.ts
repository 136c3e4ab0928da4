// The findings repository: Kysely for the occasional query, raw batched statements (see
// ../bulk.ts) for the paths that scale with the size of a report.
import { type Selectable, sql } from 'kysely';
import type { Severity, Status } from '../../domain/enums.js';
import type { FindingRecord, FindingRepo, FindingState, GroupIssue, Metric, MetricKind, StoredFinding } from '../../domain/findings-port.js';
import { type DbContext, json, parseJson } from '../db-context.js';
import { bulkInsert, bulkUpdate, type Column } from '../bulk.js';
import { dialectOps } from '../dialect.js';
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

const FINDING_COLUMNS = ['id', 'fingerprint', 'state', 'issue_id', 'rule', 'level', 'message', 'file', 'line', 'col'] as const;

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
  const dialect = dialectOps(ctx.dialect);

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
      // Two ingests of one (tool, scope) at once would both insert the same new findings: the
      // second waits here for the first to commit, then reconciles against it (PostgreSQL; SQLite's
      // write lock already serialises whole transactions). Outside a transaction it is released at once.
      await dialect.transactionLock(db, projectId, `${tool}\u001f${scope}`);
      // Rows as arrays: 200,000 of them are read on every re-ingest, one object each is enough.
      const query = db.selectFrom('findings').select(FINDING_COLUMNS).where('project_id', '=', projectId).where('tool', '=', tool).where('scope', '=', scope);
      const findings: StoredFinding[] = (await dialect.arrays(ctx, query, FINDING_COLUMNS)).map((r) => ({
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

    async runs(projectId, page) {
      let q = db.selectFrom('runs').selectAll().where('project_id', '=', projectId);
      if (page.before !== undefined) q = q.where('id', '<', page.before);
      const rows = await q.orderBy('id', 'desc').limit(page.limit).execute();
      return rows.map((r) => ({ id: r.id, tool: r.tool, scope: r.scope, commit: r.commit_sha, at: r.at, actor: r.actor, stats: parseJson(r.stats, {}) }));
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
        await dialect.run(ctx, db.updateTable('findings').set({ state: 'fixed', fixed_run_id: runId, last_run_id: runId, last_seen: at }).where(dialect.idIn('id', batch)));
      }
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

    async ingestState(projectId, tool, scope) {
      const row = await db
        .selectFrom('ingest_states')
        .select(['input_digest', 'store_digest', 'run_id'])
        .where('project_id', '=', projectId)
        .where('tool', '=', tool)
        .where('scope', '=', scope)
        .executeTakeFirst();
      return row === undefined ? null : { inputDigest: row.input_digest, storeDigest: row.store_digest, runId: row.run_id };
    },

    async saveIngestState(projectId, tool, scope, state) {
      await db
        .insertInto('ingest_states')
        .values({ project_id: projectId, tool, scope, input_digest: state.inputDigest, store_digest: state.storeDigest, run_id: state.runId })
        .onConflict((oc) => oc.columns(['project_id', 'tool', 'scope']).doUpdateSet({ input_digest: state.inputDigest, store_digest: state.storeDigest, run_id: state.runId }))
        .execute();
    },

    async storeDigest(projectId, tool, scope) {
      const prefix = `${tool}\u001f${scope}\u001f`;
      // The same SQL on both dialects; sums come back as text or numbers: normalised below.
      // Findings: count and ids only, which the identity index (project, tool, scope,
      // fingerprint) covers on SQLite (id is the rowid): reading every row's other columns cost
      // more than half of an unchanged re-ingest of 200,000 findings. Issues outside the scope's
      // groups count when a finding of the scope points at them: looked up by issue (findings_by_issue;
      // the `+ 0` and `|| ''` keep SQLite from scanning the scope's findings once per issue instead).
      const { rows } = await sql<Record<string, unknown>>`
        SELECT count(*) AS n, coalesce(sum(id), 0) AS ids, coalesce(max(id), 0) AS top
        FROM findings WHERE project_id = ${projectId} AND tool = ${tool} AND scope = ${scope}`.execute(db);
      const { rows: issueRows } = await sql<Record<string, unknown>>`
        SELECT count(*) AS n, coalesce(sum(id), 0) AS ids, coalesce(sum(version), 0) AS versions
        FROM issues WHERE project_id = ${projectId}
          AND (substr(group_key, 1, ${prefix.length}) = ${prefix}
               OR EXISTS (SELECT 1 FROM findings f WHERE f.issue_id = issues.id AND f.project_id + 0 = ${projectId} AND (f.tool || '') = ${tool} AND (f.scope || '') = ${scope}))`.execute(db);
      const values = (row: Record<string, unknown> | undefined) => Object.keys(row ?? {}).sort().map((k) => String(Number(row?.[k] ?? 0)));
      return ['v2', ...values(rows[0]), '|', ...values(issueRows[0])].join(':');
    },

    forIssue: (issueId) => records({ issueId }),
    byFingerprint: (projectId, fingerprint) => records({ projectId, fingerprint }),
  };
}
