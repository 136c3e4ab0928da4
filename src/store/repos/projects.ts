import { type Selectable, sql } from 'kysely';
import { conflict, notFound, PunchlistError } from '../../domain/errors.js';
import type { ProjectDoc } from '../../domain/document.js';
import type { Project } from '../../domain/model.js';
import type { ProjectRepo } from '../../domain/ports.js';
import { type DbContext, nowIso } from '../db-context.js';
import type { ProjectsTable } from '../schema.js';

const toProject = (row: Selectable<ProjectsTable>): Project => ({
  id: row.id,
  key: row.key,
  name: row.name,
  title: row.title,
  owner: row.owner,
  date: row.date,
  status: row.status,
  summary: row.summary,
  version: row.version,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export function projectRepo(ctx: DbContext): ProjectRepo {
  const { db } = ctx;
  return {
    async list() {
      const rows = await db.selectFrom('projects').selectAll().orderBy('id').execute();
      return rows.map(toProject);
    },

    async get(key) {
      const row = await db.selectFrom('projects').selectAll().where('key', '=', key).executeTakeFirst();
      return row ? toProject(row) : null;
    },

    async insert(project, at = nowIso()) {
      // Keys are unique regardless of case (migration 0800's index; this says so in one line).
      const existing = await db.selectFrom('projects').select('key').where(sql`lower(key)`, '=', project.key.toLowerCase()).executeTakeFirst();
      if (existing) throw new PunchlistError('duplicate', existing.key === project.key ? `project: "${project.key}" already exists` : `project: "${project.key}" clashes with project "${existing.key}" (keys are unique regardless of case)`);
      const row = await db
        .insertInto('projects')
        .values({ ...project, next_issue_number: 1, version: 1, created_at: at, updated_at: at })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toProject(row);
    },

    async update(id, patch: Partial<ProjectDoc>, expectedVersion) {
      const { key: _key, ...fields } = patch;
      const row = await db
        .updateTable('projects')
        .set({ ...fields, version: expectedVersion + 1, updated_at: nowIso() })
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .returningAll()
        .executeTakeFirst();
      if (row) return toProject(row);
      const current = await db.selectFrom('projects').select(['key', 'version']).where('id', '=', id).executeTakeFirst();
      if (!current) throw notFound(`project: no project with id ${id}`);
      throw conflict(`project ${current.key}: changed by someone else (version ${current.version}, you had ${expectedVersion}); reload and retry`);
    },

    async remove(id, expectedVersion) {
      const gone = await db.deleteFrom('projects').where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
      if (Number(gone.numDeletedRows) === 1) return;
      const current = await db.selectFrom('projects').select(['key', 'version']).where('id', '=', id).executeTakeFirst();
      if (!current) throw notFound(`project: no project with id ${id}`);
      throw conflict(`project ${current.key}: changed by someone else (version ${current.version}, you had ${expectedVersion}); reload and retry`);
    },

    async issueNumberUsed(id, used) {
      await db.updateTable('projects').set({ next_issue_number: used + 1 }).where('id', '=', id).where('next_issue_number', '<=', used).execute();
    },

    async reserveIssueNumbers(id, count) {
      const row = await db
        .updateTable('projects')
        .set((eb) => ({ next_issue_number: eb('next_issue_number', '+', count) }))
        .where('id', '=', id)
        .returning('next_issue_number')
        .executeTakeFirstOrThrow();
      return row.next_issue_number - count;
    },
  };
}
