// Every size limit in one place, so the CLI, the importer and the API agree.
export const LIMITS = {
  keyLength: 64,
  titleLength: 500,
  textLength: 100_000,
  ownerLength: 200,
  listItems: 1_000,
  labelLength: 100,
  documentIssues: 1_000_000,
  pageSize: 1_000,
  markdownBytes: 20 * 1024 * 1024,
} as const;
