import type { FindingRepo } from '../../domain/findings-port.js';
import type { DbContext } from '../db-context.js';

// Filled in by the ingest work (issue 4).
export function findingRepo(_ctx: DbContext): FindingRepo {
  return {};
}
