// How far V8 lets the heap grow past what the last full collection found alive. On a machine
// with plenty of memory V8 allows up to 4×: an ingest holds every finding of a report while it
// reads, fingerprints and plans them (about 400 MB at 1,000,000 SARIF results), then writes
// them in slices that are mostly garbage, so its peak RSS was 3–4× its live data (1.4 GB).
// At 1.5× the same ingest peaks under 1 GB for about the same CPU (bench/ingest-large.js,
// bench/RESULTS.md). Smaller reports keep V8's default: at 200,000 results (87 MB) the collector
// running more often cost 5–10% more CPU for a peak already well under its bar.
// Only the growth policy changes: the heap's size limit does not, so a bigger report still fits.
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 50;
/** Input from which the heap is kept compact. */
export const COMPACT_HEAP_FROM_BYTES = 128 * 1024 * 1024;

/** For an ingest of `inputBytes` of reports: past the threshold, a heap at most 1.5× its live data. */
export function preferCompactHeap(inputBytes: number): void {
  if (inputBytes >= COMPACT_HEAP_FROM_BYTES) setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
