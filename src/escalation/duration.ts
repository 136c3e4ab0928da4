// Durations as people write them in a level: "30m", "4h", "1.5 hours", "2d", "1 week".
// Wall-clock units: a day is 24 hours, a week 7 days (a business window counts working minutes
// of the calendar instead, so "16h" there is two 8-hour working days).
const UNITS: ReadonlyArray<[RegExp, number]> = [
  [/^(m|min|mins|minutes?)$/, 1],
  [/^(h|hr|hrs|hours?)$/, 60],
  [/^(d|days?)$/, 1_440],
  [/^(w|wk|wks|weeks?)$/, 10_080],
];

export function parseDuration(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]+)$/i.exec(text.trim());
  if (!m) return null;
  const unit = UNITS.find(([re]) => re.test(m[2]!.toLowerCase()));
  return unit ? Math.round(Number(m[1]) * unit[1]) : null;
}

/** 90 → "1h 30m", 2880 → "2d"; negative durations keep their sign. */
export function formatMinutes(minutes: number): string {
  const sign = minutes < 0 ? '-' : '';
  let left = Math.round(Math.abs(minutes));
  const d = Math.floor(left / 1_440);
  left -= d * 1_440;
  const h = Math.floor(left / 60);
  const m = left - h * 60;
  const parts = [d ? `${d}d` : '', h ? `${h}h` : '', m || (!d && !h) ? `${m}m` : ''].filter(Boolean);
  return sign + parts.slice(0, 2).join(' ');
}
