// Reading the register a page at a time: filters, an order and an opaque keyset cursor, so the
// 10,000th page costs what the first does. Shared by the API and `punchlist issue list`.
import { PunchlistError } from '../domain/errors.js';
import { LIMITS } from '../domain/limits.js';
import { type Issue, type IssueFilter, type IssueSort, type Project, sortValues } from '../domain/model.js';
import type { StoreSession } from '../domain/ports.js';

export interface IssuePageRequest extends Omit<IssueFilter, 'after' | 'offset' | 'limit'> {
  limit: number;
  cursor?: string;
  /** Also count every match (one more query). */
  withTotal?: boolean;
}

export interface IssuePage {
  items: Issue[];
  nextCursor: string | null;
  total?: number;
}

interface Cursor {
  s: IssueSort;
  d: boolean;
  v: (string | number)[];
}

export const encodeCursor = (c: Cursor): string => Buffer.from(JSON.stringify(c)).toString('base64url');

function decodeCursor(text: string, sort: IssueSort, descending: boolean): (string | number)[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new PunchlistError('bad_input', 'cursor: not a cursor this server gave out');
  }
  const c = parsed as Partial<Cursor> | null;
  const valid = c !== null && typeof c === 'object' && Array.isArray(c.v) && c.v.every((x) => typeof x === 'string' || typeof x === 'number');
  if (!valid) throw new PunchlistError('bad_input', 'cursor: not a cursor this server gave out');
  if (c.s !== sort || Boolean(c.d) !== descending) throw new PunchlistError('bad_input', 'cursor: made for another sort order; start again without it');
  return c.v!;
}

export async function listIssuePage(session: StoreSession, project: Project, request: IssuePageRequest): Promise<IssuePage> {
  const { limit, cursor, withTotal, ...filter } = request;
  if (!Number.isInteger(limit) || limit < 1 || limit > LIMITS.pageSize) throw new PunchlistError('bad_input', `limit: 1 to ${LIMITS.pageSize}`);
  const sort = filter.sort ?? 'severity';
  const descending = Boolean(filter.descending);
  const after = cursor ? decodeCursor(cursor, sort, descending) : undefined;
  const [rows, total] = await Promise.all([
    session.issues.list(project.id, { ...filter, sort, descending, limit: limit + 1, ...(after ? { after } : {}) }),
    withTotal ? session.issues.count(project.id, filter) : Promise.resolve(undefined),
  ]);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const nextCursor = rows.length > limit && last ? encodeCursor({ s: sort, d: descending, v: sortValues(last, sort) }) : null;
  return { items, nextCursor, ...(total !== undefined ? { total } : {}) };
}
