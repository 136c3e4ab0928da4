// How far V8 lets the heap grow past what the last full collection found alive. On a machine
// with plenty of memory V8 allows up to 4×: an ingest holds every finding of a report while it
// reads, fingerprints and plans them (about 400 MB at 1,000,000 SARIF results), then writes
// them in slices that are mostly garbage, so its peak RSS was 3–4× its live data (1.4 GB).
// At 1.5× the same ingest peaks under 1 GB for about the same CPU (bench/ingest-large.js,
// bench/RESULTS.md): the collector runs more often while the heap is big, but pages fewer in.
// Only the growth policy: the heap's size limit is unchanged, so a bigger report still fits.
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 50;

/** For the commands that hold a whole report (ingest, scan): a heap at most 1.5× its live data. */
export function preferCompactHeap(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
