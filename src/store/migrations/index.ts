// Every migration, in order. One set for both dialects; Kysely records what ran in
// kysely_migration on SQLite and PostgreSQL alike.
import type { Migration } from 'kysely';
import * as initial from './0001-initial.js';
import * as ruleIndexes from './0200-rule-indexes.js';
import * as accounts from './0400-accounts.js';
import * as documentSource from './0450-document-source.js';
import * as escalation from './0500-escalation.js';
import * as search from './0600-search.js';
import * as ingestStates from './0650-ingest-states.js';
import * as toolEvidence from './0700-tool-evidence.js';
import * as caseInsensitiveKeys from './0800-case-insensitive-keys.js';
import * as serverIndexes from './0850-server-indexes.js';
import * as readIndexes from './1050-read-indexes.js';
import * as runsByProject from './1100-runs-by-project.js';
import * as changeMark from './1200-change-mark.js';
import * as updatedOrder from './1200-updated-order.js';

export const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0200-rule-indexes': ruleIndexes,
  '0400-accounts': accounts,
  '0450-document-source': documentSource,
  '0500-escalation': escalation,
  '0600-search': search,
  '0650-ingest-states': ingestStates,
  '0700-tool-evidence': toolEvidence,
  '0800-case-insensitive-keys': caseInsensitiveKeys,
  '0850-server-indexes': serverIndexes,
  '1050-read-indexes': readIndexes,
  '1100-runs-by-project': runsByProject,
  '1200-change-mark': changeMark,
  '1200-updated-order': updatedOrder,
};
