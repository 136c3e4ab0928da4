import type { Selectable } from 'kysely';
import type { AuditEvent } from '../../domain/model.js';
import type { EventsTable } from '../schema.js';
import type { EventRepo } from '../../domain/ports.js';
import { bulkInsert, type Column } from '../bulk.js';
import { type DbContext, json, nowIso, parseJson } from '../db-context.js';

const text = (name: string): Column => ({ name, pg: 'text' });

const EVENT_INSERT = {
  table: 'events',
  fixed: [{ name: 'project_id', pg: 'int' } satisfies Column],
  perRow: [text('at'), text('actor'), text('action'), text('entity'), text('entity_key'), text('data')],
};

const toEvent = (r: Selectable<EventsTable>): AuditEvent => ({
  id: r.id,
  projectId: r.project_id,
  at: r.at,
  actor: r.actor,
  action: r.action,
  entity: r.entity,
  entityKey: r.entity_key,
  data: parseJson(r.data, {}),
});

// The event log is append-only: this repository has no update and no delete.
export function eventRepo(ctx: DbContext): EventRepo {
  const { db } = ctx;
  return {
    async append(projectId, events) {
      if (events.length === 0) return;
      const at = nowIso();
      await bulkInsert(ctx, EVENT_INSERT, [projectId], events.map((e) => [e.at ?? at, e.actor, e.action, e.entity, e.entityKey, json(e.data)]));
    },

    async list(projectId, options = {}) {
      let query = db.selectFrom('events').selectAll().where('project_id', '=', projectId);
      if (options.entityKey !== undefined) query = query.where('entity_key', '=', options.entityKey);
      const rows = await query
        .orderBy('id', 'desc')
        .limit(options.limit ?? 1_000)
        .execute();
      return rows.reverse().map(toEvent);
    },

    async since(afterId, limit) {
      const rows = await db.selectFrom('events').selectAll().where('id', '>', afterId).orderBy('id', 'asc').limit(limit).execute();
      return rows.map(toEvent);
    },

    async lastId() {
      const row = await db.selectFrom('events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
      return Number(row?.id ?? 0);
    },
  };
}
