import type { AuditEvent } from '../../domain/model.js';
import type { EventRepo } from '../../domain/ports.js';
import { type DbContext, json, nowIso, parseJson } from '../db-context.js';

// The event log is append-only: this repository has no update and no delete.
export function eventRepo(ctx: DbContext): EventRepo {
  const { db } = ctx;
  return {
    async append(projectId, events) {
      if (events.length === 0) return;
      const at = nowIso();
      for (let i = 0; i < events.length; i += 500) {
        await db
          .insertInto('events')
          .values(
            events.slice(i, i + 500).map((e) => ({
              project_id: projectId,
              at: e.at ?? at,
              actor: e.actor,
              action: e.action,
              entity: e.entity,
              entity_key: e.entityKey,
              data: json(e.data),
            })),
          )
          .execute();
      }
    },

    async list(projectId, options = {}) {
      let query = db.selectFrom('events').selectAll().where('project_id', '=', projectId);
      if (options.entityKey !== undefined) query = query.where('entity_key', '=', options.entityKey);
      const rows = await query
        .orderBy('id', 'desc')
        .limit(options.limit ?? 1_000)
        .execute();
      return rows.reverse().map(
        (r): AuditEvent => ({
          id: r.id,
          projectId: r.project_id,
          at: r.at,
          actor: r.actor,
          action: r.action,
          entity: r.entity,
          entityKey: r.entity_key,
          data: parseJson(r.data, {}),
        }),
      );
    },
  };
}
