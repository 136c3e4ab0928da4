// A store as a user has it after months of work, for the CLI and report benches: the audit
// example's phases, checklists, rules, KPIs, teams and escalation around N issues written through
// the store's own bulk path (so the search index and folded columns are what a real store holds),
// with comments, history, snapshots and KPI values for the commands that read them.
import { readFileSync } from 'node:fs';
import { parseAuditMarkdown } from '../dist/documents/parse-audit-markdown.js';
import { applyDocument } from '../dist/services/project-document.js';
import { openSqliteStore } from '../dist/store/sqlite.js';

const SEV = /** @type {const} */ (['critical', 'major', 'medium', 'minor']);
const STATUS = /** @type {const} */ (['backlog', 'planned', 'in_progress', 'blocked', 'resolved']);
const WORDS = ['migration', 'invoice', 'renderer', 'timeout', 'überweisung', 'lock', 'cache', 'token', 'webhook', 'export'];

/**
 * @param {number} i
 * @returns {import('../dist/domain/model.js').NewIssue}
 */
export function benchIssue(i, base = Date.UTC(2026, 0, 1)) {
  const at = new Date(base + i * 60_000).toISOString();
  return {
    key: `TW-${i}`,
    title: `Issue ${i}: ${WORDS[i % WORDS.length]} wrong in module ${i % 700}`,
    severity: SEV[i % 4],
    status: STATUS[i % 5],
    owner: `Team ${i % 12}`,
    estimateMinutes: (i % 8) * 30 || null,
    files: [`src/m${i % 700}.ts`],
    phase: null,
    labels: i % 10 === 0 ? ['sync'] : [],
    description: i % 3 === 0 ? `Seen when the ${WORDS[(i * 7) % WORDS.length]} job runs against tenant ${i % 97}.` : null,
    source: 'manual',
    createdAt: at,
    resolvedAt: STATUS[i % 5] === 'resolved' ? at : null,
  };
}

/** Builds the store at `path` with `n` issues; returns the project key. */
export async function populate(path, n) {
  const example = parseAuditMarkdown(readFileSync(new URL('../test/fixtures/documents/audit.md', import.meta.url), 'utf8'), { projectKey: 'TW' }).document;
  const store = await openSqliteStore(path);
  await applyDocument(store, { ...example, issues: [] }, { actor: 'bench' });
  const project = await store.projects.get('TW');
  const at = new Date().toISOString();
  await store.write(async (tx) => {
    const ids = new Map();
    for (let start = 1; start <= n; start += 10_000) {
      const batch = Array.from({ length: Math.min(10_000, n - start + 1) }, (_, k) => benchIssue(start + k));
      for (const [key, id] of await tx.issues.insertMany(project.id, batch, at)) ids.set(key, id);
    }
    await tx.projects.reserveIssueNumbers(project.id, n);
    // A comment and a history line on every 50th issue; the day's snapshot.
    const picked = [...ids].filter((_, k) => k % 50 === 0);
    await tx.issues.addComments(picked.map(([, id]) => ({ issueId: id, author: 'bench', body: 'Looked at it', at })));
    await tx.events.append(project.id, picked.map(([key]) => ({ actor: 'bench', at, action: 'issue.updated', entity: 'issue', entityKey: key, data: { changes: { owner: [null, 'Team 1'] } } })));
  });
  await store.close();
  return 'TW';
}
