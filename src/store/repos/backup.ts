// Raw tables for backup and restore. The table list, columns, auto-increment counters and
// foreign keys come from each database's own catalogue, read by the dialect module
// (dialect.ts, `catalogue`). Derived data is left out and rebuilt by the database as rows go
// back in: generated columns (PostgreSQL's search vector) and SQLite's full-text index tables.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { BackupRepo, ColumnKind, ColumnShape, TableShape } from '../../domain/backup-port.js';
import { badInput } from '../../domain/errors.js';
import type { DbContext } from '../db-context.js';
import { dialectOps } from '../dialect.js';

type Db = Kysely<unknown>;

export function kindOf(type: string): ColumnKind {
  const t = type.toLowerCase();
  if (/^(bigint|int8|bigserial)$/.test(t)) return 'bigint';
  if (/^(int|integer|smallint|serial|int2|int4)$/.test(t)) return 'integer';
  if (/real|double|float|numeric|decimal/.test(t)) return 'real';
  if (t.startsWith('bool')) return 'boolean';
  return 'text';
}

/** Parents before children; a cycle (none today) keeps the catalogue's order. */
function dependencyOrder(tables: TableShape[]): TableShape[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const out: TableShape[] = [];
  const visit = (t: TableShape, path: Set<string>): void => {
    if (done.has(t.name) || path.has(t.name)) return;
    path.add(t.name);
    for (const ref of t.references) {
      const parent = byName.get(ref);
      if (parent && ref !== t.name) visit(parent, path);
    }
    done.add(t.name);
    out.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return out;
}

/** Values as a backup carries them: the same JSON whichever store they came from. */
function portable(value: unknown, kind: ColumnKind): unknown {
  if (value === null || value === undefined) return null;
  if (kind === 'boolean') return value === true || value === 1 || value === '1' || value === 't';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'object' && !Buffer.isBuffer(value)) return JSON.stringify(value);
  return value;
}

/** A row the schema refuses (a constraint, a value out of range): bad input, not our bug. */
function isRefusedData(error: unknown): boolean {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  return code.startsWith('SQLITE_CONSTRAINT') || code === 'SQLITE_MISMATCH' || /^2[23][0-9A-Z]{3}$/.test(code);
}

// Bound parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535.
const MAX_PARAMETERS = 30_000;

export function backupRepo(ctx: DbContext): BackupRepo {
  const db = ctx.db as unknown as Db;
  const ops = dialectOps(ctx.dialect);
  const cat = ops.catalogue;

  async function tables(): Promise<TableShape[]> {
    const names = await cat.tableNames(db);
    const shapes = await Promise.all(
      names.map(async (name): Promise<TableShape> => {
        const raw = await cat.columns(db, name);
        const columns: ColumnShape[] = raw.map((c) => ({ name: c.name, kind: kindOf(c.type), nullable: c.nullable, hasDefault: c.hasDefault }));
        return { name, columns, counter: raw.find((c) => c.counter)?.name ?? null, references: await cat.references(db, name) };
      }),
    );
    return dependencyOrder(shapes);
  }

  return {
    tables,

    async migrations() {
      const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
      return rows.map((r) => r.name);
    },

    async *rows(table, pageSize) {
      const names = table.columns.map((c) => c.name);
      const select = sql.join(names.map((n) => sql.ref(n)));
      const kinds = table.columns.map((c) => c.kind);
      const toValues = (row: Record<string, unknown>): unknown[] => names.map((n, i) => portable(row[n], kinds[i]!));
      if (table.counter !== null) {
        // Keyset paging on the counter column: each page is one index range scan.
        const key = table.counter;
        let after: number | null = null;
        for (;;) {
          const from: RawBuilder<unknown> = after === null ? sql`` : sql`where ${sql.ref(key)} > ${after}`;
          const { rows }: { rows: Record<string, unknown>[] } = await sql<Record<string, unknown>>`select ${select} from ${sql.table(table.name)}
            ${from} order by ${sql.ref(key)} limit ${pageSize}`.execute(db);
          if (rows.length === 0) return;
          yield rows.map(toValues);
          after = Number(rows[rows.length - 1]![key]);
          if (rows.length < pageSize) return;
        }
      }
      for (let offset = 0; ; offset += pageSize) {
        const { rows } = await sql<Record<string, unknown>>`select ${select} from ${sql.table(table.name)}
          order by ${select} limit ${pageSize} offset ${offset}`.execute(db);
        if (rows.length === 0) return;
        yield rows.map(toValues);
        if (rows.length < pageSize) return;
      }
    },

    async counters() {
      const out: Record<string, number> = {};
      for (const t of await tables()) if (t.counter !== null) out[t.name] = await cat.counter(db, t.name, t.counter);
      return out;
    },

    async insert(table, columns, rows) {
      if (rows.length === 0) return;
      const per = Math.max(1, Math.floor(MAX_PARAMETERS / Math.max(1, columns.length)));
      const names = sql.join(columns.map((c) => sql.ref(c.name)));
      const value = (v: unknown, kind: ColumnKind): unknown => (kind === 'boolean' && v !== null ? ops.booleanValue(Boolean(v)) : v);
      for (let start = 0; start < rows.length; start += per) {
        const batch = rows.slice(start, start + per);
        const tuples = sql.join(batch.map((r) => sql`(${sql.join(columns.map((c, i) => value(r[i], c.kind)))})`));
        try {
          await sql`insert into ${sql.table(table)} (${names}) values ${tuples}`.execute(db);
        } catch (error) {
          if (!isRefusedData(error)) throw error;
          throw badInput(`backup: the store refuses a row of ${table} (${(error as Error).message.split('\n')[0]})`);
        }
      }
    },

    async setCounters(counters) {
      for (const t of await tables()) {
        const value = counters[t.name];
        if (t.counter !== null && value !== undefined) await cat.setCounter(db, t.name, t.counter, value);
      }
    },

    async firstNonEmptyTable(among) {
      for (const name of among ?? (await cat.tableNames(db))) {
        const { rows } = await sql`select 1 as one from ${sql.table(name)} limit 1`.execute(db);
        if (rows.length > 0) return name;
      }
      return null;
    },

    async clear(names) {
      for (const name of names) await sql`delete from ${sql.table(name)}`.execute(db);
    },
  };
}
