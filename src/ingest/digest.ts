// A digest of what one (tool, scope) of an ingest brings: every prepared finding (identity,
// content, suppression, the severity and group punchlist.yaml gave it, its stored data) in report
// order, and the overwrite setting. With the store digest (FindingRepo.storeDigest) it lets an
// unchanged re-ingest prove it has nothing to do without reading every stored finding back.
// Pure. RECONCILE_VERSION changes whenever reconcile's decisions change, so an upgrade never
// trusts a digest recorded by other rules.
import { createHash } from 'node:crypto';
import type { OverwriteField } from '../config/schema.js';
import type { Incoming } from './reconcile.js';

const RECONCILE_VERSION = 1;
const FIELD = '\u001f';
const RECORD = '\u001e';

export function incomingDigest(tool: string, scope: string, incoming: readonly Incoming[], overwrite: readonly OverwriteField[], data: (item: Incoming) => string): string {
  const hash = createHash('sha256');
  hash.update(`v${RECONCILE_VERSION}${FIELD}${tool}${FIELD}${scope}${FIELD}${[...overwrite].sort().join(',')}${RECORD}`);
  let chunk = '';
  for (const item of incoming) {
    const f = item.finding;
    chunk += `${f.fingerprint}${FIELD}${f.rule ?? ''}${FIELD}${f.level}${FIELD}${f.message}${FIELD}${f.file ?? ''}${FIELD}${f.line ?? ''}${FIELD}${f.col ?? ''}${FIELD}${f.suppressed === true ? 1 : 0}${FIELD}${item.severity}${FIELD}${item.policy}${FIELD}${item.group}${FIELD}${data(item)}${RECORD}`;
    if (chunk.length > 65_536) {
      hash.update(chunk);
      chunk = '';
    }
  }
  hash.update(chunk);
  return hash.digest('base64url');
}
