// Raw tables for backup and restore. The table list, columns, auto-increment counters and
// foreign keys come from each database's own catalogue: the only dialect-specific part, kept
// side by side below (`catalogue.sqlite` / `catalogue.postgres`). Derived data is left out and
// rebuilt by the database as rows go back in: generated columns (PostgreSQL's search vector)
// and SQLite's full-text index tables.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { BackupRepo, ColumnKind, ColumnShape, TableShape } from '../../domain/backup-port.js';
import { badInput } from '../../domain/errors.js';
import type { DbContext } from '../db-context.js';

type Db = Kysely<unknown>;

interface RawColumn {
  name: string;
  type: string;
  nullable: boolean;
  hasDefault: boolean;
  counter: boolean;
}

interface Catalogue {
  tableNames(db: Db): Promise<string[]>;
  columns(db: Db, table: string): Promise<RawColumn[]>;
  references(db: Db, table: string): Promise<string[]>;
  counter(db: Db, table: string, column: string): Promise<number>;
  setCounter(db: Db, table: string, column: string, value: number): Promise<void>;
}

// The migrator's own tables are not data: a backup names its migrations in its header instead.
const isInternal = (name: string): boolean => name.startsWith('kysely_') || name.startsWith('sqlite_');

const catalogue: Record<'sqlite' | 'postgres', Catalogue> = {
  sqlite: {
    async tableNames(db) {
      // Ordinary tables only: a full-text index (virtual table) and its shadow tables are derived
      // data, rebuilt by their triggers as the rows go back in.
      const { rows } = await sql<{ name: string }>`select name from pragma_table_list where schema = 'main' and type = 'table' order by name`.execute(db);
      return rows.map((r) => r.name).filter((n) => !isInternal(n));
    },
    async columns(db, table) {
      const { rows } = await sql<{ name: string; type: string; notnull: number; dflt_value: unknown; pk: number }>`
        select name, type, "notnull", dflt_value, pk from pragma_table_info(${table}) order by cid`.execute(db);
      // An INTEGER PRIMARY KEY is the rowid: the counter SQLite hands out ids from.
      const pks = rows.filter((r) => r.pk > 0);
      const counter = pks.length === 1 && pks[0]!.type.toLowerCase() === 'integer' ? pks[0]!.name : null;
      return rows.map((r) => ({
        name: r.name,
        type: r.type,
        nullable: r.notnull === 0 && r.pk === 0,
        hasDefault: r.dflt_value !== null || r.name === counter,
        counter: r.name === counter,
      }));
    },
    async references(db, table) {
      const { rows } = await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${table})`.execute(db);
      return rows.map((r) => r.table);
    },
    async counter(db, table, column) {
      // AUTOINCREMENT tables remember the highest id ever handed out, even after deletes.
      const seq = await sql<{ seq: number }>`select seq from sqlite_sequence where name = ${table}`.execute(db).catch(() => ({ rows: [] }));
      if (seq.rows[0]) return Number(seq.rows[0].seq);
      const max = await sql<{ m: number | null }>`select max(${sql.ref(column)}) as m from ${sql.table(table)}`.execute(db);
      return Number(max.rows[0]?.m ?? 0);
    },
    async setCounter(db, table, _column, value) {
      const updated = await sql`update sqlite_sequence set seq = ${value} where name = ${table}`.execute(db).catch(() => null);
      if (updated && Number(updated.numAffectedRows ?? 0) === 0 && value > 0) {
        await sql`insert into sqlite_sequence (name, seq) values (${table}, ${value})`.execute(db).catch(() => undefined);
      }
    },
  },
  postgres: {
    async tableNames(db) {
      const { rows } = await sql<{ name: string }>`
        select table_name as name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db);
      return rows.map((r) => r.name).filter((n) => !isInternal(n));
    },
    async columns(db, table) {
      const { rows } = await sql<{ name: string; type: string; nullable: string; dflt: string | null; identity: string }>`
        select column_name as name, data_type as type, is_nullable as nullable, column_default as dflt, is_identity as identity
        from information_schema.columns where table_schema = current_schema() and table_name = ${table}
          and is_generated = 'NEVER'
        order by ordinal_position`.execute(db);
      return rows.map((r) => {
        const counter = r.identity === 'YES' || (r.dflt ?? '').startsWith('nextval(');
        return { name: r.name, type: r.type, nullable: r.nullable === 'YES', hasDefault: r.dflt !== null || counter, counter };
      });
    },
    async references(db, table) {
      const { rows } = await sql<{ ref: string }>`
        select distinct ccu.table_name as ref
        from information_schema.table_constraints tc
        join information_schema.constraint_column_usage ccu
          on ccu.constraint_schema = tc.constraint_schema and ccu.constraint_name = tc.constraint_name
        where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = current_schema() and tc.table_name = ${table}`.execute(db);
      return rows.map((r) => r.ref);
    },
    async counter(db, table, column) {
      const seq = await sequenceOf(db, table, column);
      if (seq === null) return 0;
      const { rows } = await sql<{ last_value: number; is_called: boolean }>`select last_value, is_called from ${sql.raw(seq)}`.execute(db);
      const row = rows[0];
      return row ? (row.is_called ? Number(row.last_value) : Number(row.last_value) - 1) : 0;
    },
    async setCounter(db, table, column, value) {
      const seq = await sequenceOf(db, table, column);
      if (seq === null) return;
      // setval(…, false) makes the next id `value + 1` without claiming `value` was handed out.
      await sql`select setval(${seq}, ${Math.max(value, 0) + 1}, false)`.execute(db);
    },
  },
};

async function sequenceOf(db: Db, table: string, column: string): Promise<string | null> {
  const { rows } = await sql<{ seq: string | null }>`select pg_get_serial_sequence(${table}, ${column}) as seq`.execute(db);
  return rows[0]?.seq ?? null;
}

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
  const cat = catalogue[ctx.dialect];

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
      const value = (v: unknown, kind: ColumnKind): unknown => (kind === 'boolean' && v !== null && ctx.dialect === 'sqlite' ? (v ? 1 : 0) : v);
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

    async firstNonEmptyTable() {
      for (const name of await cat.tableNames(db)) {
        const { rows } = await sql`select 1 as one from ${sql.table(name)} limit 1`.execute(db);
        if (rows.length > 0) return name;
      }
      return null;
    },
  };
}
