// A short digest of an issue row's live values, taken at import and at render: equal digests mean
// the row is written back exactly as the author wrote it, without reading its cells again.
import type { IssueDoc } from '../domain/document.js';

type RowValues = Pick<IssueDoc, 'title' | 'severity' | 'status' | 'owner' | 'estimateMinutes' | 'files'>;

export function rowDigest(issue: RowValues): string {
  const text = JSON.stringify([issue.title, issue.severity, issue.status, issue.owner, issue.estimateMinutes, issue.files]);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

