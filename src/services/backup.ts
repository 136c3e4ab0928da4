// Backup and restore of the whole store (SPEC §10; format in docs/backup.md). A backup is JSON
// lines: a header naming the format, the migrations and every table's columns, then each table's
// rows in dependency order, then an end line with the row counts. It is written from one
// consistent snapshot and streamed, so a large store never has to fit in one string; a restore
// reads it line by line into an empty store of either kind, in one transaction.
import { z } from 'zod';
import type { ColumnShape, TableShape } from '../domain/backup-port.js';
import { keySchema, titleSchema } from '../domain/document.js';
import { SEVERITIES, STATUSES } from '../domain/enums.js';
import { badInput } from '../domain/errors.js';
import { LIMITS } from '../domain/limits.js';
import type { Store } from '../domain/ports.js';
import { parseWith } from '../domain/validate.js';

export const BACKUP_FORMAT = 'punchlist-backup';
export const BACKUP_VERSION = 1;

const PAGE_ROWS = 2_000;
const CHUNK_CHARS = 1 << 20;

export interface BackupSummary {
  tables: number;
  rows: Record<string, number>;
}

const headerSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  createdAt: z.string(),
  from: z.string(),
  migrations: z.array(z.string()),
  counters: z.record(z.string(), z.number().int().nonnegative()),
  tables: z.array(z.object({ name: z.string(), columns: z.array(z.string()) })),
});
const sectionSchema = z.object({ table: z.string() }).strict();
const endSchema = z.object({ end: z.literal(true), rows: z.record(z.string(), z.number().int().nonnegative()) }).strict();

/** Writes the whole store to `sink`, chunk by chunk, from one snapshot. */
export async function writeBackup(store: Store, sink: (chunk: string) => Promise<void>): Promise<BackupSummary> {
  return store.snapshot(async (view) => {
    const tables = await view.backup.tables();
    const header = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: new Date().toISOString(),
      from: view.dialect,
      migrations: await view.backup.migrations(),
      counters: await view.backup.counters(),
      tables: tables.map((t) => ({ name: t.name, columns: t.columns.map((c) => c.name) })),
    };
    let buffer = `${JSON.stringify(header)}\n`;
    const flush = async (force: boolean): Promise<void> => {
      if (buffer.length === 0 || (!force && buffer.length < CHUNK_CHARS)) return;
      const chunk = buffer;
      buffer = '';
      await sink(chunk);
    };
    const rows: Record<string, number> = {};
    for (const table of tables) {
      buffer += `${JSON.stringify({ table: table.name })}\n`;
      rows[table.name] = 0;
      for await (const page of view.backup.rows(table, PAGE_ROWS)) {
        for (const row of page) buffer += `${JSON.stringify(row)}\n`;
        rows[table.name]! += page.length;
        await flush(false);
      }
    }
    buffer += `${JSON.stringify({ end: true, rows })}\n`;
    await flush(true);
    return { tables: tables.length, rows };
  });
}

interface Section {
  table: TableShape;
  /** The backup's columns, mapped to the target's. */
  columns: ColumnShape[];
  pending: unknown[][];
  count: number;
}

export interface RestoreOptions {
  /**
   * Replace the project data of a store that is not empty (a serving store): every table that
   * belongs to projects is emptied and filled from the backup; the accounts (users, tokens,
   * sessions, the account log) of the store are kept and the backup's are skipped, unless the
   * store holds none. Without it, the store must be empty and everything is restored.
   */
  replace?: boolean;
  /** Who restores: written to each project's event log and to the account log (replace only). */
  actor?: string;
}

export interface RestoreSummary extends BackupSummary {
  mode: 'empty' | 'replace';
  /** Tables of the store left as they were (its accounts), with the backup's rows skipped. */
  kept: string[];
  skipped: Record<string, number>;
  projects: string[];
}

/**
 * The tables that hold project data: `projects` and every table that refers to it, directly or
 * through another (issues → comments, escalations → deliveries → attempts). Read from the
 * schema's foreign keys, so a table added later is placed unasked. The rest are the accounts.
 */
export function projectTables(tables: readonly TableShape[]): Set<string> {
  const out = new Set<string>(['projects']);
  for (let grown = true; grown; ) {
    grown = false;
    for (const t of tables) {
      if (!out.has(t.name) && t.references.some((r) => r !== t.name && out.has(r))) {
        out.add(t.name);
        grown = true;
      }
    }
  }
  return out;
}

/**
 * Restores a backup, read as lines, into `store`: an empty one, or with `replace` one whose
 * project data it replaces. All or nothing: any problem (a bad line, a refused row, a truncated
 * file, a newer schema, a store that is not empty without `replace`) rolls back.
 */
export async function restoreBackup(store: Store, lines: AsyncIterable<string>, source = 'backup', options: RestoreOptions = {}): Promise<RestoreSummary> {
  return store.write(async (tx) => {
    const occupied = await tx.backup.firstNonEmptyTable();
    const replace = options.replace === true && occupied !== null;
    if (occupied !== null && !replace) {
      throw badInput(`restore: the store at ${store.location} is not empty (table ${occupied} has rows); restore into a new store, or add --replace to replace its projects and keep its accounts`);
    }
    const shapes = await tx.backup.tables();
    const target = new Map(shapes.map((t) => [t.name, t]));
    const owned = projectTables(shapes);
    const accounts = shapes.filter((t) => !owned.has(t.name)).map((t) => t.name);
    // A store that holds accounts keeps them all (users, their sessions, tokens, the log), never a mix.
    const kept = new Set(replace && (await tx.backup.firstNonEmptyTable(accounts)) !== null ? accounts : []);
    const before = replace ? await tx.backup.counters() : {};
    if (replace) await tx.backup.clear(shapes.filter((t) => !kept.has(t.name)).map((t) => t.name).reverse());
    const known = new Set(await tx.backup.migrations());
    const skipped: Record<string, number> = {};
    let lineNo = 0;
    const where = (): string => `${source}: line ${lineNo}`;
    const parse = (line: string): unknown => {
      try {
        return JSON.parse(line);
      } catch {
        throw badInput(`${where()}: not valid JSON (is this a punchlist backup?)`);
      }
    };

    let header: z.infer<typeof headerSchema> | null = null;
    let current: Section | null = null;
    const restored = new Set<string>();
    const rows: Record<string, number> = {};
    let ended = false;

    const finish = async (section: Section | null): Promise<void> => {
      if (!section) return;
      if (kept.has(section.table.name)) skipped[section.table.name] = section.count;
      await tx.backup.insert(section.table.name, section.columns, section.pending);
      section.pending = [];
      rows[section.table.name] = section.count;
      restored.add(section.table.name);
    };

    for await (const line of lines) {
      lineNo++;
      if (line.trim() === '') continue;
      if (ended) throw badInput(`${where()}: text after the end line`);
      if (line.includes('\u0000')) throw badInput(`${where()}: holds a NUL byte`);
      const value = parse(line);
      if (header === null) {
        header = readHeader(value, where());
        for (const name of header.migrations) {
          if (!known.has(name)) throw badInput(`${source}: made by a newer punchlist (migration ${name} is unknown here); upgrade punchlist to restore it`);
        }
        continue;
      }
      if (Array.isArray(value)) {
        if (!current) throw badInput(`${where()}: a row before any table line`);
        current.count++;
        if (kept.has(current.table.name)) continue;
        current.pending.push(checkRow(value, current, where()));
        if (current.pending.length >= PAGE_ROWS) {
          await tx.backup.insert(current.table.name, current.columns, current.pending);
          current.pending = [];
        }
        continue;
      }
      if (isObject(value) && 'table' in value) {
        await finish(current);
        const { table: name } = parseWith(sectionSchema, value, where());
        current = openSection(name, header, target, restored, where());
        continue;
      }
      if (isObject(value) && 'end' in value) {
        await finish(current);
        current = null;
        const end = parseWith(endSchema, value, where());
        for (const table of header.tables) {
          if (!restored.has(table.name)) throw badInput(`${source}: table ${table.name} is declared but missing; the file is damaged`);
        }
        for (const [name, count] of Object.entries(end.rows)) {
          if ((rows[name] ?? 0) !== count) throw badInput(`${source}: table ${name} should have ${count} rows but has ${rows[name] ?? 0}; the file is damaged`);
        }
        ended = true;
        continue;
      }
      throw badInput(`${where()}: neither a table line, a row nor the end line`);
    }
    if (header === null) throw badInput(`${source}: empty; not a punchlist backup`);
    if (!ended) throw badInput(`${source}: ends without its end line; the file is truncated`);
    if (!replace) {
      await tx.backup.setCounters(header.counters);
      return { tables: restored.size, rows, mode: 'empty', kept: [], skipped, projects: (await tx.projects.list()).map((p) => p.key) };
    }
    // Counters never go back: ids handed out before stay unused, and whoever follows the event
    // log by id (a replica's store watch) sees the restore's own events as new.
    const counters: Record<string, number> = {};
    for (const t of shapes) if (!kept.has(t.name)) counters[t.name] = Math.max(header.counters[t.name] ?? 0, before[t.name] ?? 0);
    await tx.backup.setCounters(counters);
    const at = new Date().toISOString();
    const actor = options.actor ?? 'restore';
    const projects = await tx.projects.list();
    for (const p of projects) {
      await tx.events.append(p.id, [{ at, actor, action: 'store.restored', entity: 'project', entityKey: null, data: { source, backupCreatedAt: header.createdAt } }]);
    }
    const total = Object.entries(rows).reduce((n, [name, count]) => n + (kept.has(name) ? 0 : count), 0);
    await tx.accounts.logEvent({ at, actor, action: 'store.restored', subject: source, data: { projects: projects.map((p) => p.key), rows: total, backupCreatedAt: header.createdAt, accountsKept: kept.size > 0 } });
    return { tables: restored.size, rows, mode: 'replace', kept: [...kept], skipped, projects: projects.map((p) => p.key) };
  });
}

function readHeader(value: unknown, where: string): z.infer<typeof headerSchema> {
  if (!isObject(value) || value.format !== BACKUP_FORMAT) throw badInput(`${where}: not a punchlist backup (no "format": "${BACKUP_FORMAT}" header)`);
  if (value.version !== BACKUP_VERSION) {
    throw badInput(`${where}: backup format version ${JSON.stringify(value.version)} is not one this punchlist reads (${BACKUP_VERSION}); upgrade punchlist`);
  }
  return parseWith(headerSchema, value, where);
}

function openSection(
  name: string,
  header: z.infer<typeof headerSchema>,
  target: Map<string, TableShape>,
  restored: Set<string>,
  where: string,
): Section {
  const table = target.get(name);
  if (!table) throw badInput(`${where}: table ${name} does not exist in this store's schema`);
  if (restored.has(name)) throw badInput(`${where}: table ${name} appears twice`);
  const declared = header.tables.find((t) => t.name === name);
  if (!declared) throw badInput(`${where}: table ${name} is not declared in the header`);
  const columns = declared.columns.map((c) => {
    const column = table.columns.find((tc) => tc.name === c);
    if (!column) throw badInput(`${where}: column ${name}.${c} does not exist in this store's schema`);
    return column;
  });
  for (const column of table.columns) {
    if (!declared.columns.includes(column.name) && !column.nullable && !column.hasDefault) {
      throw badInput(`${where}: table ${name} lacks column ${column.name}, which this store requires`);
    }
  }
  for (const parent of table.references) {
    const inBackup = header.tables.some((t) => t.name === parent);
    if (parent !== name && inBackup && !restored.has(parent)) throw badInput(`${where}: table ${name} comes before ${parent}, which it refers to`);
  }
  return { table, columns, pending: [], count: 0 };
}

const INT32 = 2 ** 31;

function checkRow(row: unknown[], section: Section, where: string): unknown[] {
  const { columns, table } = section;
  if (row.length !== columns.length) throw badInput(`${where}: a row of ${table.name} has ${row.length} values, not ${columns.length}`);
  columns.forEach((column, i) => {
    const v = row[i];
    const at = `${where}: ${table.name}.${column.name}`;
    if (v === null) {
      if (!column.nullable) throw badInput(`${at}: may not be null`);
      return;
    }
    switch (column.kind) {
      case 'integer':
        if (!Number.isInteger(v) || (v as number) < -INT32 || (v as number) >= INT32) throw badInput(`${at}: ${JSON.stringify(v)} is not a 32-bit whole number`);
        return;
      case 'bigint':
        if (!Number.isSafeInteger(v)) throw badInput(`${at}: ${JSON.stringify(v)} is not a whole number`);
        return;
      case 'real':
        if (typeof v !== 'number' || !Number.isFinite(v)) throw badInput(`${at}: ${JSON.stringify(v)} is not a number`);
        return;
      case 'boolean':
        if (typeof v !== 'boolean') throw badInput(`${at}: ${JSON.stringify(v)} is not true or false`);
        return;
      case 'text':
        if (typeof v !== 'string') throw badInput(`${at}: expected text`);
        if (v.includes('\u0000')) throw badInput(`${at}: holds a NUL byte`);
        if (v.length > LIMITS.storedTextLength) throw badInput(`${at}: ${v.length} characters is over the ${LIMITS.storedTextLength} limit`);
        return;
    }
  });
  checkDomain(table.name, columns, row, where);
  return row;
}

// The rows people can read by key obey the same rules as everything else that enters the store.
const DOMAIN_RULES: Record<string, Record<string, z.ZodType>> = {
  projects: { key: keySchema, name: z.string().min(1).max(LIMITS.titleLength) },
  issues: {
    key: keySchema,
    title: titleSchema,
    severity: z.enum(SEVERITIES),
    status: z.enum(STATUSES),
    owner: z.string().max(LIMITS.ownerLength).nullable(),
    estimate_minutes: z.number().int().nonnegative().max(LIMITS.estimateMinutes).nullable(),
  },
};

function checkDomain(table: string, columns: ColumnShape[], row: unknown[], where: string): void {
  const rules = DOMAIN_RULES[table];
  if (!rules) return;
  columns.forEach((column, i) => {
    const rule = rules[column.name];
    if (rule) parseWith(rule, row[i], `${where}: ${table}.${column.name}`);
  });
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
