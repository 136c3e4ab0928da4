// The findings part of the store (tool results, runs, test and coverage metrics).
// Owned by the ingest work: see src/ingest and src/store/repos/findings.ts.
export interface FindingRepo {
  readonly _findings?: never;
}
