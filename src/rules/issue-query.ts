// What a rule asks of the register: how many issues match a filter, and the first few keys. The
// same question is answered from loaded facts (tests, rules with computed arguments) or by the
// store in SQL (the gate's fast path), so both must agree on the order of keys: by id.
import type { Status } from '../domain/enums.js';
import type { IssueCount, IssueFact, IssueQuery } from '../domain/tracking-port.js';

export type { IssueCount, IssueQuery };
import { canonicalJson } from './canonical-json.js';

export type IssueCounter = (query: IssueQuery) => IssueCount;

export const KEY_SAMPLE = 10;
export const CLOSED: readonly Status[] = ['resolved', 'wont_fix'];

/** Sorted, without empty parts: equal questions get equal ids. */
export function normaliseQuery(q: IssueQuery): IssueQuery {
  const out: IssueQuery = {};
  const list = <T extends string>(v: T[] | undefined): T[] | undefined => (v && v.length ? [...new Set(v)].sort() : undefined);
  const severity = list(q.severity);
  const status = list(q.status);
  const phase = list(q.phase);
  const label = list(q.label);
  if (severity) out.severity = severity;
  if (status) out.status = status;
  if (phase) out.phase = phase;
  if (label) out.label = label;
  if (q.open !== undefined) out.open = q.open;
  return out;
}

export const queryId = (q: IssueQuery): string => canonicalJson(normaliseQuery(q));

export function matches(q: IssueQuery, i: IssueFact): boolean {
  return (
    (!q.severity?.length || q.severity.includes(i.severity)) &&
    (!q.status?.length || q.status.includes(i.status)) &&
    (!q.phase?.length || (i.phase !== null && q.phase.includes(i.phase))) &&
    (!q.label?.length || i.labels.some((l) => q.label?.includes(l))) &&
    (q.open === undefined || !CLOSED.includes(i.status) === q.open)
  );
}

/** Facts must be in id order, as the store returns them. */
export function counterFromFacts(facts: readonly IssueFact[]): IssueCounter {
  return (q) => {
    let count = 0;
    const keys: string[] = [];
    for (const i of facts) {
      if (!matches(q, i)) continue;
      count++;
      if (keys.length < KEY_SAMPLE) keys.push(i.key);
    }
    return { count, keys };
  };
}

/** Answers from precomputed results; a question not asked beforehand is our bug. */
export function counterFromResults(results: ReadonlyMap<string, IssueCount>): IssueCounter {
  return (q) => {
    const hit = results.get(queryId(q));
    if (!hit) throw new Error(`issue query not prepared: ${queryId(q)}`);
    return hit;
  };
}
