import type { CheckItem, DocumentSource, KpiDoc } from '../../domain/document.js';
import type { Severity } from '../../domain/enums.js';
import type { SectionRepo, Sections } from '../../domain/ports.js';
import { type DbContext, json, parseJson } from '../db-context.js';
import type {
  ActionsTable,
  ChecklistsTable,
  EscalationLevelsTable,
  KpisTable,
  NotesTable,
  PhasesTable,
  RisksTable,
  TeamsTable,
} from '../schema.js';

type ListType = 'phase' | 'checklist';

export function sectionRepo(ctx: DbContext): SectionRepo {
  const { db } = ctx;

  async function itemsOf(projectId: number): Promise<Map<string, CheckItem[]>> {
    const rows = await db
      .selectFrom('check_items')
      .selectAll()
      .where('project_id', '=', projectId)
      .orderBy('list_type')
      .orderBy('list_key')
      .orderBy('ord')
      .execute();
    const byList = new Map<string, CheckItem[]>();
    for (const r of rows) {
      const id = `${r.list_type}:${r.list_key}`;
      const list = byList.get(id) ?? [];
      list.push({ text: r.text, done: r.done === 1, rule: r.rule, doneBy: r.done_by, doneAt: r.done_at });
      byList.set(id, list);
    }
    return byList;
  }

  async function replaceItems(projectId: number, listType: ListType, lists: { key: string; items: CheckItem[] }[]) {
    await db.deleteFrom('check_items').where('project_id', '=', projectId).where('list_type', '=', listType).execute();
    const rows = lists.flatMap((list) =>
      list.items.map((item, ord) => ({
        project_id: projectId,
        list_type: listType,
        list_key: list.key,
        ord,
        text: item.text,
        done: item.done ? 1 : 0,
        rule: item.rule,
        done_by: item.doneBy,
        done_at: item.doneAt,
      })),
    );
    for (let i = 0; i < rows.length; i += 500) await db.insertInto('check_items').values(rows.slice(i, i + 500)).execute();
  }

  async function insertAll<T extends keyof Tables>(table: T, rows: Tables[T][]) {
    for (let i = 0; i < rows.length; i += 500) {
      // Kysely cannot narrow a union of table names; the row shapes are checked by `Tables`.
      await db.insertInto(table).values(rows.slice(i, i + 500) as never).execute();
    }
  }

  async function clear(projectId: number, table: keyof Tables) {
    await db.deleteFrom(table).where('project_id', '=', projectId).execute();
  }

  async function mergeKpiValues(projectId: number, kpis: KpiDoc[]) {
    const existing = await db
      .selectFrom('kpi_values')
      .select(['kpi_key', 'value', 'at'])
      .where('project_id', '=', projectId)
      .execute();
    const seen = new Set(existing.map((v) => `${v.kpi_key}\u0000${v.at}\u0000${v.value}`));
    const rows = kpis.flatMap((k) =>
      k.values
        .filter((v) => !seen.has(`${k.key}\u0000${v.at}\u0000${v.value}`))
        .map((v) => ({ project_id: projectId, kpi_key: k.key, value: v.value, at: v.at, actor: 'import' })),
    );
    for (let i = 0; i < rows.length; i += 500) await db.insertInto('kpi_values').values(rows.slice(i, i + 500)).execute();
  }

  return {
    async phaseNames(projectId) {
      return db.selectFrom('phases').select(['key', 'name', 'parent']).where('project_id', '=', projectId).orderBy('ord').execute();
    },
    async load(projectId) {
      const [phases, checklists, kpis, kpiValues, risks, teams, escalation, actions, notes, items] = await Promise.all([
        db.selectFrom('phases').selectAll().where('project_id', '=', projectId).orderBy('ord').execute(),
        db.selectFrom('checklists').selectAll().where('project_id', '=', projectId).orderBy('ord').execute(),
        db.selectFrom('kpis').selectAll().where('project_id', '=', projectId).orderBy('id').execute(),
        db.selectFrom('kpi_values').selectAll().where('project_id', '=', projectId).orderBy('at').orderBy('id').execute(),
        db.selectFrom('risks').selectAll().where('project_id', '=', projectId).orderBy('ord').execute(),
        db.selectFrom('teams').selectAll().where('project_id', '=', projectId).orderBy('ord').execute(),
        db.selectFrom('escalation_levels').selectAll().where('project_id', '=', projectId).orderBy('level').orderBy('id').execute(),
        db.selectFrom('actions').selectAll().where('project_id', '=', projectId).orderBy('ord').execute(),
        db.selectFrom('notes').selectAll().where('project_id', '=', projectId).orderBy('ord').execute(),
        itemsOf(projectId),
      ]);
      return {
        phases: phases.map((p) => ({
          key: p.key,
          name: p.name,
          order: p.ord,
          state: p.state as Sections['phases'][number]['state'],
          label: p.label,
          window: p.window,
          branch: p.branch,
          hours: p.hours,
          deliverables: parseJson(p.deliverables, []),
          items: items.get(`phase:${p.key}`) ?? [],
          ...(p.parent !== null ? { parent: p.parent } : {}),
        })),
        checklists: checklists.map((c) => ({
          key: c.key,
          title: c.title,
          section: c.section,
          items: items.get(`checklist:${c.key}`) ?? [],
        })),
        kpis: kpis.map((k) => ({
          key: k.key,
          name: k.name,
          unit: k.unit,
          target: k.target,
          comparator: k.comparator as KpiDoc['comparator'],
          phase: k.phase,
          values: kpiValues.filter((v) => v.kpi_key === k.key).map((v) => ({ value: v.value, at: v.at })),
        })),
        risks: risks.map((r) => ({
          title: r.title,
          category: r.category,
          mitigation: r.mitigation,
          likelihood: r.likelihood,
          impact: r.impact,
          owner: r.owner,
          status: r.status,
        })),
        teams: teams.map((t) => ({
          name: t.name,
          focus: t.focus,
          members: parseJson(t.members, []),
          capacityHours: t.capacity_hours,
        })),
        escalation: escalation.map((e) => ({
          level: e.level,
          afterMinutes: e.after_minutes,
          scope: e.scope,
          severities: parseJson<Severity[]>(e.severities, []),
          contacts: parseJson(e.contacts, []),
          resolution: e.resolution,
          businessHours: e.business_hours === 1,
          phases: parseJson(e.phases, []),
          labels: parseJson(e.labels, []),
          owners: parseJson(e.owners, []),
          channels: parseJson(e.channels, []),
          repeatMinutes: e.repeat_minutes,
        })),
        actions: actions.map((a) => ({
          title: a.title,
          kind: a.kind as 'action' | 'next_step',
          estimateMinutes: a.estimate_minutes,
          snippet: a.snippet,
          snippetLang: a.snippet_lang,
        })),
        notes: notes.map((n) => ({ section: n.section, markdown: n.markdown })),
      };
    },

    async replace(projectId, s) {
      if (s.phases) {
        await clear(projectId, 'phases');
        await insertAll(
          'phases',
          s.phases.map((p) => ({
            project_id: projectId,
            key: p.key,
            name: p.name,
            ord: p.order,
            state: p.state,
            label: p.label,
            window: p.window,
            branch: p.branch,
            hours: p.hours,
            deliverables: json(p.deliverables),
            parent: p.parent ?? null,
          })),
        );
        await replaceItems(projectId, 'phase', s.phases);
      }
      if (s.checklists) {
        await clear(projectId, 'checklists');
        await insertAll(
          'checklists',
          s.checklists.map((c, ord) => ({ project_id: projectId, key: c.key, title: c.title, section: c.section, ord })),
        );
        await replaceItems(projectId, 'checklist', s.checklists);
      }
      if (s.kpis) {
        await clear(projectId, 'kpis');
        await insertAll(
          'kpis',
          s.kpis.map((k) => ({
            project_id: projectId,
            key: k.key,
            name: k.name,
            unit: k.unit,
            target: k.target,
            comparator: k.comparator,
            phase: k.phase,
          })),
        );
        await mergeKpiValues(projectId, s.kpis);
      }
      if (s.risks) {
        await clear(projectId, 'risks');
        await insertAll('risks', s.risks.map((r, ord) => ({ project_id: projectId, ord, ...r })));
      }
      if (s.teams) {
        await clear(projectId, 'teams');
        await insertAll(
          'teams',
          s.teams.map((t, ord) => ({
            project_id: projectId,
            ord,
            name: t.name,
            focus: t.focus,
            members: json(t.members),
            capacity_hours: t.capacityHours,
          })),
        );
      }
      if (s.escalation) {
        await clear(projectId, 'escalation_levels');
        await insertAll(
          'escalation_levels',
          s.escalation.map((e) => ({
            project_id: projectId,
            level: e.level,
            after_minutes: e.afterMinutes,
            scope: e.scope,
            severities: json(e.severities),
            contacts: json(e.contacts),
            resolution: e.resolution,
            business_hours: e.businessHours ? 1 : 0,
            phases: json(e.phases),
            labels: json(e.labels),
            owners: json(e.owners),
            channels: json(e.channels),
            repeat_minutes: e.repeatMinutes,
          })),
        );
      }
      if (s.actions) {
        await clear(projectId, 'actions');
        await insertAll(
          'actions',
          s.actions.map((a, ord) => ({
            project_id: projectId,
            ord,
            kind: a.kind,
            title: a.title,
            estimate_minutes: a.estimateMinutes,
            snippet: a.snippet,
            snippet_lang: a.snippetLang,
          })),
        );
      }
      if (s.notes) {
        await clear(projectId, 'notes');
        await insertAll('notes', s.notes.map((n, ord) => ({ project_id: projectId, ord, ...n })));
      }
    },

    async loadSource(projectId) {
      const row = await db.selectFrom('document_sources').select(['format', 'body']).where('project_id', '=', projectId).executeTakeFirst();
      if (!row) return null;
      return { format: 'markdown', ...(JSON.parse(row.body) as Omit<DocumentSource, 'format'>) };
    },

    async replaceSource(projectId, source) {
      await db.deleteFrom('document_sources').where('project_id', '=', projectId).execute();
      if (source === null) return;
      const { format, ...body } = source;
      await db.insertInto('document_sources').values({ project_id: projectId, format, body: JSON.stringify(body) }).execute();
    },
  };
}

interface Tables {
  phases: Omit<PhasesTable, 'id'>;
  checklists: Omit<ChecklistsTable, 'id'>;
  kpis: Omit<KpisTable, 'id'>;
  risks: Omit<RisksTable, 'id'>;
  teams: Omit<TeamsTable, 'id'>;
  escalation_levels: Omit<EscalationLevelsTable, 'id'>;
  actions: Omit<ActionsTable, 'id'>;
  notes: Omit<NotesTable, 'id'>;
}
