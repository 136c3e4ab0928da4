import { type Expression, type Selectable, type SqlBool, sql } from 'kysely';
import { conflict, notFound, PunchlistError } from '../../domain/errors.js';
import { SEVERITIES, type Severity, type Status } from '../../domain/enums.js';
import type { IssueDoc } from '../../domain/document.js';
import type { Issue, IssueComment, IssueFields, IssueFilter, IssueSort } from '../../domain/model.js';
import type { IssueRepo } from '../../domain/ports.js';
import { type DbContext, json, nowIso, parseJson } from '../db-context.js';
import type Sqlite from 'better-sqlite3';
import { bulkInsert, bulkUpdate, type Column } from '../bulk.js';
import { FTS_COLUMNS } from '../migrations/0600-search.js';
import { dialectOps } from '../dialect.js';
import type { IssuesTable } from '../schema.js';
import { withFolded } from '../search-columns.js';
import { foldText, queryWords } from '../../domain/search-text.js';


/** Every column of an issue, in the order the raw read path below returns them. */
const COLUMNS = [
  'id', 'project_id', 'key', 'title', 'description', 'severity', 'status', 'owner', 'estimate_minutes', 'due_date',
  'files', 'phase', 'labels', 'links', 'source', 'extra', 'group_key', 'manual_fields', 'created_at', 'updated_at',
  'started_at', 'resolved_at', 'version',
] as const satisfies readonly (keyof IssuesTable)[];

/**
 * An issue from a row in COLUMNS order. Rows come as arrays because better-sqlite3 builds them
 * much faster than objects; row objects (PostgreSQL, single reads) go through `toIssue`.
 */
function fromValues(v: unknown[]): Issue {
  const text = (i: number) => v[i] as string;
  const maybe = (i: number) => v[i] as string | null;
  return {
    id: v[0] as number,
    projectId: v[1] as number,
    key: text(2),
    title: text(3),
    description: maybe(4),
    severity: v[5] as Severity,
    status: v[6] as Status,
    owner: maybe(7),
    estimateMinutes: v[8] as number | null,
    dueDate: maybe(9),
    files: parseJson(text(10), []),
    phase: maybe(11),
    labels: parseJson(text(12), []),
    links: parseJson(text(13), []),
    source: text(14),
    extra: parseJson(text(15), {}),
    groupKey: maybe(16),
    manualFields: parseJson(text(17), []),
    createdAt: text(18),
    updatedAt: text(19),
    startedAt: maybe(20),
    resolvedAt: maybe(21),
    version: v[22] as number,
  };
}

/** What the project document holds of an issue, in the order the document read returns them. */
const DOC_COLUMNS = [
  'id', 'key', 'title', 'severity', 'status', 'owner', 'estimate_minutes', 'due_date', 'files', 'phase', 'labels', 'links',
  'source', 'description', 'extra', 'created_at', 'started_at', 'resolved_at',
] as const satisfies readonly (keyof IssuesTable)[];

/**
 * Reads a document issue from a row of `columns` (DOC_COLUMNS, or SHOWN_COLUMNS below). A column
 * the read left out takes the document's default, which no report shows.
 */
function docReader(columns: readonly (keyof IssuesTable)[]): (v: unknown[], comments?: IssueDoc['comments']) => IssueDoc {
  const at = (c: keyof IssuesTable) => columns.indexOf(c);
  const [key, title, severity, status, owner, estimate, due, files] = [at('key'), at('title'), at('severity'), at('status'), at('owner'), at('estimate_minutes'), at('due_date'), at('files')];
  const [phase, labels, links, description, extra] = [at('phase'), at('labels'), at('links'), at('description'), at('extra')];
  const [source, created, started, resolved] = [at('source'), at('created_at'), at('started_at'), at('resolved_at')];
  const maybe = (v: unknown[], i: number) => (i < 0 ? null : (v[i] as string | null));
  return (v, comments = NO_COMMENTS) => ({
    key: v[key] as string,
    title: v[title] as string,
    severity: v[severity] as Severity,
    status: v[status] as Status,
    owner: v[owner] as string | null,
    estimateMinutes: v[estimate] as number | null,
    dueDate: v[due] as string | null,
    files: docList(v[files] as string),
    phase: v[phase] as string | null,
    labels: docList(v[labels] as string),
    links: docList(v[links] as string),
    source: source < 0 ? 'manual' : (v[source] as string),
    description: v[description] as string | null,
    extra: docMap(v[extra] as string),
    createdAt: maybe(v, created),
    startedAt: maybe(v, started),
    resolvedAt: maybe(v, resolved),
    comments,
  });
}

/**
 * What a Markdown or HTML report shows of an issue (SPEC §11: a report reads only the columns it
 * shows): no source, no times, no comments. At 100k issues the four columns left out were a third
 * of the read's CPU, most of it the garbage collector copying their strings.
 */
const SHOWN_COLUMNS = [
  'key', 'title', 'severity', 'status', 'owner', 'estimate_minutes', 'due_date', 'files', 'phase', 'labels', 'links',
  'description', 'extra',
] as const satisfies readonly (keyof IssuesTable)[];

const docFromValues = docReader(DOC_COLUMNS);
const shownFromValues = docReader(SHOWN_COLUMNS);

// Most issues have no labels, links or extra columns: one shared, frozen empty value each instead
// of 300,000 new ones per 100k-issue document (a document is read to be written out, not edited).
const NO_LIST: string[] = Object.freeze([]) as unknown as string[];
const NO_MAP: Record<string, string> = Object.freeze({});
const NO_COMMENTS: IssueDoc['comments'] = Object.freeze([]) as unknown as IssueDoc['comments'];
const docList = (text: string | null): string[] => (text === '[]' || text === null || text === '' ? NO_LIST : (JSON.parse(text) as string[]));
const docMap = (text: string | null): Record<string, string> =>
  text === '{}' || text === null || text === '' ? NO_MAP : (JSON.parse(text) as Record<string, string>);

const int = (name: string): Column => ({ name, pg: 'int' });
const text = (name: string): Column => ({ name, pg: 'text' });

const BULK_INSERT = {
  table: 'issues',
  fixed: [int('project_id'), text('updated_at'), int('version')],
  perRow: [
    text('key'), text('title'), text('description'), text('severity'), text('status'), text('owner'), int('estimate_minutes'),
    text('due_date'), text('files'), text('phase'), text('labels'), text('links'), text('source'), text('extra'),
    text('group_key'), text('manual_fields'), text('created_at'), text('started_at'), text('resolved_at'),
  ],
  returning: ['id', 'key'],
};

/**
 * From this many new issues on, SQLite fills the full-text index with one INSERT … SELECT after
 * the rows instead of once per row from the insert trigger (migration 0600): 20,000 issues took
 * 4.3 s with the trigger and 1.3–1.6 s this way (bench/RESULTS.md, document import at scale).
 */
const FTS_BULK_ROWS = 1_000;

/**
 * Runs `insert` with the index's insert trigger set aside, then indexes the new rows (ids above
 * every earlier one: the table is AUTOINCREMENT) in one statement. The trigger's own text is put
 * back, inside the same transaction, so a failure rolls back to the schema as it was.
 *
 * When the new rows are at least as many as those already stored (a first import), the
 * non-unique secondary indexes are set aside the same way and built again from their own stored
 * text after the rows: one sort per index instead of a B-tree insert per row and index. The
 * unique indexes stay, so a clashing key still fails on its row.
 */
async function indexAfter(db: Sqlite.Database, projectId: number, count: number, insert: () => Promise<number>): Promise<void> {
  const trigger = db.prepare(`select sql from sqlite_master where type = 'trigger' and name = 'issues_fts_insert'`).get() as { sql: string } | undefined;
  // Outside a transaction the schema change would not be undone by a failure: the trigger does the work.
  if (trigger === undefined || !db.inTransaction) {
    await insert();
    return;
  }
  // Counted only as far as it matters: a large table is not scanned to learn it is large.
  const stored = (db.prepare('select count(*) as n from (select 1 from issues limit ?)').get(count + 1) as { n: number }).n;
  const indexes =
    stored <= count
      ? (db.prepare(`select name, sql from sqlite_master where type = 'index' and tbl_name = 'issues' and sql is not null and sql not like 'create unique%' collate nocase`).all() as { name: string; sql: string }[])
      : [];
  db.exec('drop trigger issues_fts_insert');
  for (const index of indexes) db.exec(`drop index "${index.name}"`);
  let first: number;
  try {
    first = await insert();
  } finally {
    // A failure SQLite rolled back whole (disk full) already restored the schema.
    if (db.inTransaction) {
      for (const index of indexes) db.exec(index.sql);
      db.exec(trigger.sql);
    }
  }
  if (first !== Infinity) {
    const cols = FTS_COLUMNS.join(', ');
    // In rowid order, read through the table itself (`+project_id` keeps the planner off the
    // (project_id, lower(key)) index): FTS5 flushes its pending terms to a new segment whenever a
    // rowid is lower than the one before, so key order cost a segment per few rows (51,500 issues:
    // 1.4 s of CPU in key order, 0.75 s in rowid order).
    db.prepare(`insert into issues_fts(rowid, ${cols}) select id, ${cols} from issues where id >= ? and +project_id = ? order by id`).run(first, projectId);
  }
}

/** Issues spelled as rows at a time by insertMany. */
const INSERT_SLICE = 5_000;

const listJson = (list: readonly unknown[] | undefined): string => (list === undefined || list.length === 0 ? '[]' : json(list));
const mapJson = (map: Record<string, unknown> | undefined): string => (map === undefined || Object.keys(map).length === 0 ? '{}' : json(map));

/** An ingest's bulk update: the fields it maintains, only where the version is still the one read. */
const BULK_UPDATE = {
  table: 'issues',
  key: int('id'),
  perRow: [text('title'), text('severity'), text('status'), text('labels'), text('resolved_at')],
  fixed: [text('updated_at')],
  // sla_dirty: the escalation sweep looks at a changed issue again (src/services/escalation.ts).
  also: 'version = version + 1, sla_dirty = 1',
  version: int('version'),
};

const COMMENT_INSERT = { table: 'comments', fixed: [], perRow: [int('issue_id'), text('author'), text('body'), text('at')] };

export const toIssue = (row: Pick<Selectable<IssuesTable>, (typeof COLUMNS)[number]>): Issue => fromValues(COLUMNS.map((c) => row[c]));

/** Maps domain fields to columns; only the fields present in `fields` are set. */
type IssueColumns = Partial<Omit<IssuesTable, 'id' | 'sla_next_at' | 'sla_dirty'>>;

export function issueColumns(fields: Partial<IssueFields>): IssueColumns {
  const out: IssueColumns = {};
  if (fields.title !== undefined) out.title = fields.title;
  if (fields.description !== undefined) out.description = fields.description;
  if (fields.severity !== undefined) out.severity = fields.severity;
  if (fields.status !== undefined) out.status = fields.status;
  if (fields.owner !== undefined) out.owner = fields.owner;
  if (fields.estimateMinutes !== undefined) out.estimate_minutes = fields.estimateMinutes;
  if (fields.dueDate !== undefined) out.due_date = fields.dueDate;
  if (fields.files !== undefined) out.files = json(fields.files);
  if (fields.phase !== undefined) out.phase = fields.phase;
  if (fields.labels !== undefined) out.labels = json(fields.labels);
  if (fields.links !== undefined) out.links = json(fields.links);
  if (fields.source !== undefined) out.source = fields.source;
  if (fields.extra !== undefined) out.extra = json(fields.extra);
  if (fields.groupKey !== undefined) out.group_key = fields.groupKey;
  if (fields.manualFields !== undefined) out.manual_fields = json(fields.manualFields);
  if (fields.startedAt !== undefined) out.started_at = fields.startedAt;
  if (fields.resolvedAt !== undefined) out.resolved_at = fields.resolvedAt;
  return out;
}

// The severity words sort in the domain's order (critical < major < medium < minor), so the
// column itself orders them and an index on it serves the default order and its cursor.
const SORT_COLUMNS: Record<IssueSort, readonly ('severity' | 'created_at' | 'updated_at' | 'key' | 'id')[]> = {
  severity: ['severity', 'created_at', 'id'],
  created: ['created_at', 'id'],
  updated: ['updated_at', 'id'],
  key: ['key', 'id'],
};

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * A page in the severity order filtered to several severities, as one filter per severity in
 * that order, each with the cursor only where it falls: null for a list of another shape.
 */
function severityRuns(filter: IssueFilter): IssueFilter[] | null {
  const chosen = filter.severity ?? [];
  if ((filter.sort ?? 'severity') !== 'severity' || chosen.length < 2 || filter.limit === undefined || filter.offset !== undefined) return null;
  // Without an order asked for, a search lists by relevance first (rankedList below).
  if (filter.text !== undefined && filter.sort === undefined) return null;
  const after = filter.after;
  if (after !== undefined && (after.length !== SORT_COLUMNS.severity.length || typeof after[0] !== 'string')) return null;
  const order = SEVERITIES.filter((s) => chosen.includes(s));
  if (filter.descending) order.reverse();
  const base: IssueFilter = { ...filter };
  delete base.after;
  const runs: IssueFilter[] = [];
  for (const severity of order) {
    const run: IssueFilter = { ...base, severity: [severity] };
    if (after !== undefined) {
      // The words sort in the domain's order, so comparing them compares severities.
      const before = filter.descending ? severity > after[0]! : severity < after[0]!;
      if (before) continue;
      if (severity === after[0]) run.after = after;
    }
    runs.push(run);
  }
  return runs;
}

export function issueRepo(ctx: DbContext): IssueRepo {
  const { db } = ctx;
  const dialect = dialectOps(ctx.dialect);

  /** The full-text part of a filter, or null when the query has no words. */
  function textSearch(filter: IssueFilter, ranked: boolean) {
    const words = queryWords(filter.text);
    return words.length ? dialect.textSearch(words, ranked) : null;
  }

  /** Whether a list orders by relevance: a search with no order asked for and no cursor. */
  const rankedList = (filter: IssueFilter): boolean => filter.sort === undefined && filter.after === undefined;

  function filtered(projectId: number, filter: IssueFilter, search = textSearch(filter, false)) {
    return db
      .selectFrom('issues')
      .$if(search?.join != null, (qb) => qb.innerJoin(search!.join!.as('hit'), (join) => join.on(sql<SqlBool>`hit.hit_id = issues.id`)))
      .where('project_id', '=', projectId)
      .where((eb) => {
        const conditions: Expression<SqlBool>[] = [];
        if (filter.severity?.length) conditions.push(eb('severity', 'in', filter.severity));
        if (filter.status?.length) conditions.push(eb('status', 'in', filter.status));
        if (filter.open) conditions.push(eb('status', 'not in', ['resolved', 'wont_fix']));
        // Owners compare folded (case, accents, punctuation: see domain/search-text.ts).
        if (filter.owner !== undefined) conditions.push(eb('fold_owner', '=', foldText(filter.owner)));
        if (filter.phase !== undefined) conditions.push(eb('phase', '=', filter.phase));
        if (filter.label !== undefined) {
          conditions.push(sql<SqlBool>`labels like ${`%${escapeLike(JSON.stringify(filter.label))}%`} escape '\\'`);
        }
        if (search?.where) conditions.push(search.where);
        return eb.and(conditions);
      });
  }

  async function listOnce(projectId: number, filter: IssueFilter): Promise<Issue[]> {
    const search = textSearch(filter, rankedList(filter));
    const columns = SORT_COLUMNS[filter.sort ?? 'severity'];
    const direction = filter.descending ? 'desc' : 'asc';
    let query = filtered(projectId, filter, search).select(COLUMNS.map((c) => `issues.${c}` as const));
    if (filter.after) {
      if (filter.after.length !== columns.length) throw new PunchlistError('bad_input', 'cursor: does not match the sort order; start again without it');
      const op = filter.descending ? '<' : '>';
      // When the filter pins the first sort column to the cursor's value (one severity), the
      // comparison leaves it out: the index then starts at the cursor instead of scanning
      // the whole severity from its start on every page (a deep page cost O(depth)).
      const pinned = columns[0] === 'severity' && filter.severity?.length === 1 && filter.severity[0] === filter.after[0];
      const [cols, values] = pinned ? [columns.slice(1), filter.after.slice(1)] : [columns, filter.after];
      query = query.where(sql<SqlBool>`(${sql.join(cols.map((c) => sql.ref(`issues.${c}`)))}) ${sql.raw(op)} (${sql.join(values)})`);
    }
    // A search with no order asked for lists the best matches first, then the register's order.
    // In another order (the API's), PostgreSQL's planner picks between the GIN index (few
    // matches, sorted) and walking the order's btree index testing each row (many matches):
    // measured at 1M issues, that beats forcing either (bench/RESULTS.md, helper cliperf).
    if (search && rankedList(filter)) query = query.orderBy(search.rank);
    for (const column of columns) query = query.orderBy(`issues.${column}`, direction);
    if (filter.limit !== undefined) query = query.limit(filter.limit);
    if (filter.offset !== undefined) query = query.offset(filter.offset);
    // The hot path of lists, reports and exports: rows as arrays (dialect.ts); planned once per
    // connection on PostgreSQL unless it searches (the best plan of a search hangs on its words).
    return (await (search ? dialect.arrays(ctx, query, COLUMNS) : dialect.preparedArrays(ctx, query, COLUMNS))).map(fromValues);
  }

  const repo: IssueRepo = {
    async get(projectId, key) {
      const row = await db
        .selectFrom('issues')
        .select(COLUMNS)
        .where('project_id', '=', projectId)
        .where('key', '=', key)
        .executeTakeFirst();
      return row ? toIssue(row) : null;
    },

    async list(projectId, filter = {}) {
      const bySeverity = severityRuns(filter);
      if (bySeverity === null) return listOnce(projectId, filter);
      // Several severities in the severity order: one index range per severity, in turn, until
      // the page is full. As one query, the range started at the register's first severity and
      // a filter on the later ones walked every earlier row (1.7 s at 1M issues for
      // medium,minor; bench/RESULTS.md, helper serverperf).
      const out: Issue[] = [];
      for (const run of bySeverity) {
        out.push(...(await listOnce(projectId, { ...run, limit: filter.limit! - out.length })));
        if (out.length >= filter.limit!) break;
      }
      return out;
    },

    async count(projectId, filter = {}) {
      const row = await filtered(projectId, filter)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async insert(projectId, issue, at = nowIso()) {
      const clash = await db
        .selectFrom('issues')
        .select('key')
        .where('project_id', '=', projectId)
        .where(sql`lower(key)`, '=', issue.key.toLowerCase())
        .executeTakeFirst();
      if (clash) {
        throw new PunchlistError('duplicate', clash.key === issue.key
          ? `issue: key "${issue.key}" already exists in this project`
          : `issue: key "${issue.key}" clashes with "${clash.key}" in this project (keys are unique regardless of case)`);
      }
      const row = await db
        .insertInto('issues')
        .values({
          project_id: projectId,
          key: issue.key,
          severity: issue.severity,
          status: issue.status ?? 'backlog',
          links: '[]',
          extra: '{}',
          manual_fields: '[]',
          source: 'manual',
          ...withFolded({ title: issue.title, files: '[]', labels: '[]', ...issueColumns(issue) }),
          created_at: issue.createdAt ?? at,
          updated_at: at,
          version: 1,
        })
        .returning(COLUMNS)
        .executeTakeFirstOrThrow();
      return toIssue(row);
    },

    async insertMany(projectId, issues, at = nowIso()) {
      if (issues.length === 0) return new Map();
      const ids = new Map<string, number>();
      // Rows are spelled a slice at a time: 100,000 issues never exist as rows all at once.
      // Returns the lowest new id (the table is AUTOINCREMENT: ids above every earlier one).
      const insertAll = async (): Promise<number> => {
        let first = Infinity;
        for (let start = 0; start < issues.length; start += INSERT_SLICE) {
          const rows = issues.slice(start, start + INSERT_SLICE).map((i) => [
            i.key, i.title, i.description ?? null, i.severity, i.status ?? 'backlog', i.owner ?? null, i.estimateMinutes ?? null,
            i.dueDate ?? null, listJson(i.files), i.phase ?? null, listJson(i.labels), listJson(i.links), i.source ?? 'manual',
            mapJson(i.extra), i.groupKey ?? null, listJson(i.manualFields), i.createdAt ?? at, i.startedAt ?? null, i.resolvedAt ?? null,
          ]);
          for (const r of await bulkInsert(ctx, BULK_INSERT, [projectId, at, 1], rows)) {
            const id = Number(r.id);
            ids.set(String(r.key), id);
            if (id < first) first = id;
          }
        }
        return first;
      };
      if (ctx.sqlite !== null && issues.length >= FTS_BULK_ROWS) await indexAfter(ctx.sqlite, projectId, issues.length, insertAll);
      else await insertAll();
      return ids;
    },

    async addComments(comments) {
      await bulkInsert(ctx, COMMENT_INSERT, [], comments.map((c) => [c.issueId, c.author, c.body, c.at]));
    },

    async update(id, patch, expectedVersion, at = nowIso()) {
      const row = await db
        .updateTable('issues')
        // sla_dirty: the escalation sweep looks at a changed issue again.
        .set({ ...withFolded(issueColumns(patch)), version: expectedVersion + 1, updated_at: at, sla_dirty: 1 })
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .returning(COLUMNS)
        .executeTakeFirst();
      if (row) {
        // Resolving an issue closes its open escalations (SPEC §8).
        if (patch.status === 'resolved' || patch.status === 'wont_fix') {
          await db.updateTable('escalations').set({ closed_at: at }).where('issue_id', '=', id).where('closed_at', 'is', null).execute();
        }
        return toIssue(row);
      }
      const current = await db.selectFrom('issues').select(['key', 'version']).where('id', '=', id).executeTakeFirst();
      if (!current) throw notFound(`issue: no issue with id ${id}`);
      throw conflict(
        `issue ${current.key}: changed by someone else since you read it (now version ${current.version}, you had ${expectedVersion}); reload and retry`,
      );
    },

    async updateMany(rows, at) {
      if (rows.length === 0) return [];
      const written = new Set(
        (await bulkUpdate(ctx, BULK_UPDATE, [at], rows.map((r) => [r.id, r.title, r.severity, r.status, json(r.labels), r.resolvedAt, r.version]))).map(Number),
      );
      return rows.filter((r) => !written.has(r.id)).map((r) => r.id);
    },

    async lockMany(ids) {
      const out: Issue[] = [];
      for (let i = 0; i < ids.length; i += 1_000) {
        let query = db.selectFrom('issues').selectAll().where('id', 'in', ids.slice(i, i + 1_000)).orderBy('id');
        query = dialect.forUpdate(query);
        out.push(...(await query.execute()).map(toIssue));
      }
      return out;
    },

    async delete(id) {
      await db.deleteFrom('issues').where('id', '=', id).execute();
    },

    async comments(issueId) {
      const rows = await db.selectFrom('comments').selectAll().where('issue_id', '=', issueId).orderBy('id').execute();
      return rows.map(
        (r): IssueComment => ({ id: r.id, issueId: r.issue_id, author: r.author, body: r.body, at: r.at }),
      );
    },

    async documents(projectId, options = {}) {
      if (options.shown) {
        let query = db.selectFrom('issues').select(SHOWN_COLUMNS).where('project_id', '=', projectId);
        for (const column of SORT_COLUMNS.severity) query = query.orderBy(column);
        return dialect.mapArrays(ctx, query, SHOWN_COLUMNS, (v) => shownFromValues(v));
      }
      let query = db.selectFrom('issues').select(DOC_COLUMNS).where('project_id', '=', projectId);
      for (const column of SORT_COLUMNS.severity) query = query.orderBy(column);
      const comments = options.comments ? await repo.commentsOfProject(projectId) : null;
      return dialect.mapArrays(ctx, query, DOC_COLUMNS, (v) =>
        docFromValues(v, comments?.get(v[0] as number)?.map((c) => ({ author: c.author, body: c.body, at: c.at })) ?? NO_COMMENTS),
      );
    },

    async commentsOfProject(projectId) {
      const rows = await db
        .selectFrom('comments')
        .innerJoin('issues', 'issues.id', 'comments.issue_id')
        .select(['comments.id', 'comments.issue_id', 'comments.author', 'comments.body', 'comments.at'])
        .where('issues.project_id', '=', projectId)
        .orderBy('comments.id')
        .execute();
      const byIssue = new Map<number, IssueComment[]>();
      for (const r of rows) {
        const list = byIssue.get(r.issue_id) ?? [];
        list.push({ id: r.id, issueId: r.issue_id, author: r.author, body: r.body, at: r.at });
        byIssue.set(r.issue_id, list);
      }
      return byIssue;
    },

    async addComment(issueId, author, body, at = nowIso()) {
      const r = await db
        .insertInto('comments')
        .values({ issue_id: issueId, author, body, at })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { id: r.id, issueId: r.issue_id, author: r.author, body: r.body, at: r.at };
    },

    async tally(projectId) {
      const rows = await db
        .selectFrom('issues')
        .select(['severity', 'status', 'phase', (eb) => eb.fn.countAll<number>().as('n')])
        .where('project_id', '=', projectId)
        .groupBy(['severity', 'status', 'phase'])
        .execute();
      return rows.map((r) => ({
        severity: r.severity as Severity,
        status: r.status as Status,
        phase: r.phase,
        count: Number(r.n),
      }));
    },
  };
  return repo;
}
