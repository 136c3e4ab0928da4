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

/** The number n of a key `<PROJECT>-<n>` (any case), or null for any other key such as `B001`. */
export function issueNumberOf(projectKey: string, issueKey: string): number | null {
  const prefix = `${projectKey.toUpperCase()}-`;
  if (!issueKey.toUpperCase().startsWith(prefix)) return null;
  const rest = issueKey.slice(prefix.length);
  return /^[0-9]{1,9}$/.test(rest) ? Number(rest) : null;
}
