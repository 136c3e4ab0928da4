// Every size limit in one place, so the CLI, the importer, a restore and the API agree: whatever
// one entry accepts, every other can carry back in (an export, a backup, the API).
export const LIMITS = {
  keyLength: 64,
  titleLength: 500,
  textLength: 100_000,
  ownerLength: 200,
  /** Who acted (`--as`, a token's user): the same bound as an owner. */
  actorLength: 200,
  listItems: 1_000,
  labelLength: 100,
  /** An estimate: 10,000,000 minutes is over 80 years of working weeks. */
  estimateMinutes: 10_000_000,
  documentIssues: 1_000_000,
  pageSize: 1_000,
  markdownBytes: 20 * 1024 * 1024,
  /** Any one text value a restore accepts (event payloads may be larger than a description). */
  storedTextLength: 20 * 1024 * 1024,
  /** A CEL rule's source, and how deeply it may nest: checked when it is saved. */
  ruleLength: 2_000,
  ruleDepth: 50,
} as const;
