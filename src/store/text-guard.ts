// NUL bytes behave the same on both stores: PostgreSQL cannot hold U+0000 in text (it fails the
// statement), SQLite would keep it. Both refuse it here, before the statement reaches the driver,
// as bad input (exit 2 / 400 bad_input) and never as a store error. The domain edges refuse it
// earlier with the field's name (documents, API bodies, restore) or replace it (tool output,
// ingest/parse.ts); this is the guarantee for every other path, reads included, so a filter with a
// NUL finds nothing on neither store rather than nothing on one and an error on the other.
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { PunchlistError } from '../domain/errors.js';

export const NUL_MESSAGE = 'text may not contain a NUL character (U+0000): neither store keeps it';

export function nulRefused(): PunchlistError {
  return new PunchlistError('bad_input', NUL_MESSAGE);
}

/** True when any string in the value (arrays and plain objects walked) holds a NUL. */
export function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (holdsNul(item)) return true;
    return false;
  }
  for (const key in value) if (holdsNul((value as Record<string, unknown>)[key])) return true;
  return false;
}

/** Parameters of a raw prepared statement (SQLite's bulk and fast paths, which bypass Kysely). */
export function refuseNulParams(params: readonly unknown[]): void {
  if (holdsNul(params)) throw nulRefused();
}

/** Every query built through Kysely, on both stores: its values and raw SQL parameters. */
export class NulGuardPlugin implements KyselyPlugin {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (holdsNul(args.node)) throw nulRefused();
    return args.node;
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}
