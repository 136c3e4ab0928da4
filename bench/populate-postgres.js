// A PostgreSQL store of N bench issues (the same rows as populate.js's benchIssue), loaded the
// way a restore loads a table: the issues table's secondary indexes are dropped, the rows go in
// through the store's own bulk writer (INSERT … SELECT FROM unnest(…), 20,000 rows a statement,
// so the folded search columns are what a real store holds), then the indexes are built again in
// one pass each and the table vacuumed and analysed (visibility map for index-only scans, fresh
// statistics), as autovacuum would leave a store that grew over months.
import pg from 'pg';
import { benchIssue } from './populate.js';

/**
 * @param {string} url
 * @param {number} n
 * @param {{ log?: (line: string) => void }} [options]
 */
export async function populatePostgres(url, n, { log = () => undefined } = {}) {
  const { openPostgresStore } = await import('../dist/store/postgres.js');
  const { applyDocument } = await import('../dist/services/project-document.js');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const store = await openPostgresStore(url);
  try {
    // A bare project, as an import of a document with no section would leave it.
    await applyDocument(store, /** @type {import('../dist/domain/document.js').ProjectDocument} */ (/** @type {unknown} */ ({ version: 1, project: { key: 'TW', name: 'Bench', title: null, owner: null, date: null, status: null, summary: null } })), { actor: 'bench' });
    const project = await store.projects.get('TW');
    const { rows: indexes } = await client.query(
      `select i.indexname, i.indexdef from pg_indexes i
         where i.tablename = 'issues' and i.schemaname = current_schema()
           and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
    );
    for (const { indexname } of indexes) await client.query(`drop index "${indexname}"`);
    const at = new Date().toISOString();
    let t = performance.now();
    for (let start = 1; start <= n; start += 20_000) {
      const batch = Array.from({ length: Math.min(20_000, n - start + 1) }, (_, k) => benchIssue(start + k));
      await store.write((tx) => tx.issues.insertMany(project.id, batch, at));
    }
    await store.write((tx) => tx.projects.reserveIssueNumbers(project.id, n));
    log(`rows in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
    for (const { indexdef } of indexes) await client.query(indexdef);
    log(`${indexes.length} indexes rebuilt in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    await client.query('vacuum analyze');
  } finally {
    await store.close();
    await client.end();
  }
}
