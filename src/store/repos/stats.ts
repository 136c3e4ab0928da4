import { sql } from 'kysely';
import type { Severity } from '../../domain/enums.js';
import type { StatsRepo } from '../../domain/stats-port.js';
import type { DbContext } from '../db-context.js';
import { dialectOps } from '../dialect.js';

export function statsRepo(ctx: DbContext): StatsRepo {
  const { db } = ctx;
  return {
    async openIssueAges(projectId, now, boundsSeconds) {
      const nowMs = Date.parse(now);
      // ISO-8601 UTC text compares like time: "created at or after now - bound" is "age <= bound".
      const since = boundsSeconds.map((b) => new Date(nowMs - b * 1000).toISOString());
      const age = sql<number>`coalesce(sum(${dialectOps(ctx.dialect).secondsSince(now, 'created_at')}), 0)`;
      const rows = await db
        .selectFrom('issues')
        .select((eb) => [
          'severity',
          eb.fn.countAll<number>().as('n'),
          age.as('age'),
          ...since.map((t, i) => sql<number>`sum(case when created_at >= ${t} then 1 else 0 end)`.as(`b${i}`)),
        ])
        .where('project_id', '=', projectId)
        .where('status', 'not in', ['resolved', 'wont_fix'])
        .groupBy('severity')
        .execute();
      return rows.map((r) => {
        const row = r as unknown as Record<string, unknown>;
        return {
          severity: r.severity as Severity,
          count: Number(r.n),
          sumSeconds: Number(r.age),
          cumulative: since.map((_, i) => Number(row[`b${i}`] ?? 0)),
        };
      });
    },
    async runsByTool(projectId) {
      const rows = await db
        .selectFrom('runs')
        .select(['tool', (eb) => eb.fn.countAll<number>().as('n')])
        .where('project_id', '=', projectId)
        .groupBy('tool')
        .execute();
      return rows.map((r) => ({ tool: r.tool, runs: Number(r.n) }));
    },
    async findingsByState(projectId) {
      const rows = await db
        .selectFrom('findings')
        .select(['tool', 'state', (eb) => eb.fn.countAll<number>().as('n')])
        .where('project_id', '=', projectId)
        .groupBy(['tool', 'state'])
        .execute();
      return rows.map((r) => ({ tool: r.tool, state: r.state, count: Number(r.n) }));
    },
  };
}
