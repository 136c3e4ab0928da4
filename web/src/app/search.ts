// The issues view in the URL: `?severity=critical,major&status=blocked&q=auth&sort=updated&desc=1`.
// Parsed leniently (an unknown value is dropped, not an error page): links get shared and edited.
import { SEVERITIES, STATUSES, type Severity, type Status } from '../lib/format.ts';

export const ISSUE_SORTS = ['severity', 'created', 'updated', 'key'] as const;

export interface IssueSearch {
  severity?: Severity[];
  status?: Status[];
  owner?: string;
  phase?: string;
  label?: string;
  q?: string;
  open?: boolean;
  sort?: (typeof ISSUE_SORTS)[number];
  desc?: boolean;
}

const list = <T extends string>(value: unknown, allowed: readonly T[]): T[] | undefined => {
  const parts = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(',') : [];
  const kept = parts.map((p) => p.trim()).filter((p): p is T => (allowed as readonly string[]).includes(p));
  return kept.length ? kept : undefined;
};
const text = (value: unknown): string | undefined => (typeof value === 'string' || typeof value === 'number') && String(value).trim() ? String(value).trim().slice(0, 500) : undefined;
const flag = (value: unknown): boolean | undefined => (value === true || value === 'true' || value === 1 || value === '1' ? true : undefined);

export function parseIssueSearch(raw: Record<string, unknown>): IssueSearch {
  const sort = (ISSUE_SORTS as readonly string[]).includes(String(raw.sort)) ? (raw.sort as IssueSearch['sort']) : undefined;
  const out: IssueSearch = {
    severity: list(raw.severity, SEVERITIES),
    status: list(raw.status, STATUSES),
    owner: text(raw.owner),
    phase: text(raw.phase),
    label: text(raw.label),
    q: text(raw.q),
    open: flag(raw.open),
    sort,
    desc: flag(raw.desc),
  };
  for (const key of Object.keys(out) as (keyof IssueSearch)[]) if (out[key] === undefined) delete out[key];
  return out;
}

/** The URL form of a view: lists comma-joined, flags as 1, empty values dropped. */
export function issueSearchParams(search: IssueSearch): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(search)) {
    if (value === undefined || value === '' || value === false || (Array.isArray(value) && value.length === 0)) continue;
    out[key] = Array.isArray(value) ? value.join(',') : value === true ? '1' : String(value);
  }
  return out;
}
