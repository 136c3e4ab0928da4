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

/**
 * Adds the fingerprint to each finding in place: reports hold 100,000s, no copies. Findings are
 * told apart by the hash of their base (no list of every base string is kept); only the bases
 * that occur more than once are built again, to number their occurrences.
 */
export function fingerprintFindings(tool: string, raw: RawFinding[]): Finding[] {
  const base = (finding: RawFinding): string =>
    finding.toolFingerprint !== undefined
      ? `t\u0000${tool}\u0000${finding.rule ?? ''}\u0000${finding.toolFingerprint}`
      : `h\u0000${tool}\u0000${finding.rule ?? ''}\u0000${finding.file ?? ''}\u0000${normalizeMessage(finding.message)}`;
  const findings = raw as Finding[];
  // The first index of each base hash, or every index once it repeats.
  const members = new Map<string, number | number[]>();
  for (let index = 0; index < findings.length; index++) {
    const finding = findings[index] as Finding;
    const print = hash(base(finding));
    finding.fingerprint = print;
    const known = members.get(print);
    if (known === undefined) members.set(print, index);
    else if (typeof known === 'number') members.set(print, [known, index]);
    else known.push(index);
  }
  // Only identical problems need the occurrence counter, and only they need sorting by position.
  for (const list of members.values()) {
    if (typeof list === 'number') continue;
    const at = (i: number) => findings[i] as Finding;
    list.sort((a, b) => (at(a).line ?? 0) - (at(b).line ?? 0) || (at(a).col ?? 0) - (at(b).col ?? 0) || a - b);
    list.forEach((index, n) => {
      if (n > 0) at(index).fingerprint = hash(`${base(at(index))}\u0000${n + 1}`);
    });
  }
  // The tool's own identity is inside the fingerprint now; nothing later reads it.
  for (const finding of findings) if (finding.toolFingerprint !== undefined) finding.toolFingerprint = undefined;
  return findings;
}
