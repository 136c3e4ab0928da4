// A project key from a name, when nobody gave one: "Tidewater Billing" → "TB", "Orbit" → "ORBI".
// Used for `init` without --key, Markdown imports and ingests into an empty store.
export function deriveProjectKey(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9\s]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  const key = words.length > 1 ? words.slice(0, 4).map((w) => w[0]).join('') : (words[0] ?? '').slice(0, 4);
  return key.toUpperCase() || 'PRJ';
}
