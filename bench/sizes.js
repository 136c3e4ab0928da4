// One place for bench sizes: BENCH_SIZE=small (CI), full (by hand, the default), or a number.
export function benchSize(full, small) {
  const v = process.env.BENCH_SIZE;
  if (v === 'small') return small;
  if (v && /^\d+$/.test(v)) return Number(v);
  return full;
}

export const mb = (bytes) => `${Math.round(bytes / 1024 / 1024)} MB`;
export const secs = (ms) => `${(ms / 1000).toFixed(2)} s`;

export async function timed(fn) {
  const start = performance.now();
  const result = await fn();
  return { ms: performance.now() - start, result };
}
