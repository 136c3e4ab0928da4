// Identity of a finding across runs. A line number is never part of it, so inserting lines above
// a problem does not make it "new": the tool's own fingerprint when it has one, else a hash of
// tool, rule, path and the message with volatile parts removed, plus an occurrence counter for
// identical problems in one file (counted in line order, so the n-th stays the n-th).
import * as crypto from 'node:crypto';
import type { Finding, RawFinding } from './types.js';

// One-shot hashing where Node has it (20.12+): a third of the cost of createHash on short input.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'base64url') => string }).hash;
const hash = (text: string): string =>
  (oneShot !== undefined ? oneShot('sha1', text, 'base64url') : crypto.createHash('sha1').update(text).digest('base64url')).slice(0, 22);

/** Collapses whitespace and drops positions ("line 12", "12:5") that move with the code. */
export function normalizeMessage(message: string): string {
  return message
    .replace(/\b(line|ln|col|column)\s*\d+/gi, '$1 #')
    .replace(/\(\d+,\d+\)|\b\d+:\d+\b/g, '#')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Adds the fingerprint to each finding in place: reports hold 100,000s, no copies. */
export function fingerprintFindings(tool: string, raw: RawFinding[]): Finding[] {
  const bases = raw.map((finding) =>
    finding.toolFingerprint !== undefined
      ? `t\u0000${tool}\u0000${finding.rule ?? ''}\u0000${finding.toolFingerprint}`
      : `h\u0000${tool}\u0000${finding.rule ?? ''}\u0000${finding.file ?? ''}\u0000${normalizeMessage(finding.message)}`,
  );
  // Only identical problems need the occurrence counter, and only they need sorting by position.
  const members = new Map<string, number[]>();
  bases.forEach((base, index) => {
    const list = members.get(base);
    if (list === undefined) members.set(base, [index]);
    else list.push(index);
  });
  const occurrence = new Array<number>(raw.length).fill(1);
  for (const list of members.values()) {
    if (list.length === 1) continue;
    const at = (i: number) => raw[i] as RawFinding;
    list.sort((a, b) => (at(a).line ?? 0) - (at(b).line ?? 0) || (at(a).col ?? 0) - (at(b).col ?? 0) || a - b);
    list.forEach((index, n) => (occurrence[index] = n + 1));
  }
  return raw.map((finding, index) => {
    const base = bases[index] as string;
    const n = occurrence[index] ?? 1;
    return Object.assign(finding, { fingerprint: hash(n === 1 ? base : `${base}\u0000${n}`) });
  });
}
