// Full-text search and folded filters: the same assertions on SQLite (FTS5) and PostgreSQL
// (tsvector + GIN). Words fold the same on both (domain/search-text.ts), every word of a query
// is a prefix, the best matches come first, and no query text is ever syntax to either engine.
import Sqlite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IssueFilter, Project } from '../../src/domain/model.js';
import type { Store } from '../../src/domain/ports.js';
import { fixture } from '../ingest/fixtures.js';
import { ingestText } from '../ingest/helpers.js';
import { storeFactories } from '../support/stores.js';

describe.each(storeFactories())('search on $name', (factory) => {
  let store: Store;
  let project: Project;
  const keys = async (text: string, extra: object = {}) => (await store.issues.list(project.id, { text, ...extra })).map((i) => i.key);

  beforeEach(async () => {
    store = await factory.open();
    project = await store.projects.insert({ key: 'TW', name: 'Tidewater', title: null, owner: null, date: null, status: null, summary: null });
    const at = (n: number) => new Date(Date.UTC(2026, 2, 1, 0, n)).toISOString();
    await store.issues.insert(project.id, { key: 'TW-1', title: 'Database migration fails on empty tables', severity: 'minor', createdAt: at(1) });
    await store.issues.insert(project.id, {
      key: 'TW-2', title: 'Slow dashboard', severity: 'critical', createdAt: at(2),
      description: 'The nightly migration job holds a lock for minutes.', files: ['src/db/lock.ts'],
    });
    await store.issues.insert(project.id, {
      key: 'B003', title: 'Überweisung: IBAN wird abgelehnt', severity: 'major', owner: 'Émile Zola', createdAt: at(3),
      labels: ['Zahlungsverkehr'], files: ['services/payments/überweisung.ts'],
    });
    await store.issues.insert(project.id, { key: 'TW-4', title: 'Renderer crash in src/m42.ts (NEAR the footer)', severity: 'medium', files: ['src/render/m42.ts'], createdAt: at(4) });
  });
  afterEach(async () => {
    await store.close();
  });

  it('matches every word as a prefix, over key, title, description, owner, labels and files', async () => {
    expect(await keys('migr')).toEqual(['TW-1', 'TW-2']);
    expect(await keys('migration lock')).toEqual(['TW-2']);
    expect(await keys('lock.ts')).toEqual(['TW-2']);
    expect(await keys('zahlung')).toEqual(['B003']);
    expect(await keys('emile')).toEqual(['B003']);
    expect(await keys('payments')).toEqual(['B003']);
    expect(await keys('b003')).toEqual(['B003']);
    expect(await keys('tw-4')).toEqual(['TW-4']);
    expect(await keys('nothing-like-this')).toEqual([]);
  });

  it('ranks a match in the title above one in the description, whatever the severity', async () => {
    // TW-2 is critical and would come first in the register's order; TW-1 names it in its title.
    expect(await keys('migration')).toEqual(['TW-1', 'TW-2']);
    expect(await keys('dashboard lock')).toEqual(['TW-2']);
  });

  it('folds case and accents the same way on both stores', async () => {
    for (const q of ['Überweisung', 'überweisung', 'UBERWEISUNG', 'uberweisung', 'ÜBERW']) expect(await keys(q)).toEqual(['B003']);
    expect(await keys('ÉMILE zola')).toEqual(['B003']);
    for (const owner of ['Émile Zola', 'émile zola', 'EMILE ZOLA', 'Emile  Zola']) {
      expect((await store.issues.list(project.id, { owner })).map((i) => i.key)).toEqual(['B003']);
      expect(await store.issues.count(project.id, { owner })).toBe(1);
    }
    expect(await store.issues.count(project.id, { owner: 'Emil' })).toBe(0);
  });

  it('treats punctuation as a separator and never as query syntax', async () => {
    expect(await keys('src/m42.ts')).toEqual(['TW-4']);
    expect(await keys('m42')).toEqual(['TW-4']);
    expect(await keys('NEAR')).toEqual(['TW-4']);
    expect(await keys('"footer')).toEqual(['TW-4']);
    const hostile = ['"', '""', '*', 'NEAR(a b)', 'a:b', 'title:crash', '"unbalanced', "it's", '(', ')', 'AND', 'OR NOT',
      '-', '^', '\\', '&|!', ':*', "'':*", 'a & b | !c', 'NEAR/2', '{x y}', '%', '_', '\u0000', '😀', '::tsquery'];
    for (const q of hostile) {
      await expect(store.issues.list(project.id, { text: q }), q).resolves.toBeInstanceOf(Array);
      await expect(store.issues.count(project.id, { text: q }), q).resolves.toBeTypeOf('number');
    }
    // Operators are words like any other: every word must match.
    expect(await keys('crash footer')).toEqual(['TW-4']);
    expect(await keys('crash OR footer')).toEqual([]);
  });

  it('an empty query, or one of punctuation only, is no text condition', async () => {
    const all = await keys('', {});
    expect(all).toHaveLength(4);
    for (const q of ['', '   ', '"*:', '--']) {
      expect(await keys(q)).toEqual(all);
      expect(await store.issues.count(project.id, { text: q })).toBe(4);
    }
  });

  it('combines with the other filters, counts the same, and pages', async () => {
    expect(await keys('migration', { severity: ['critical'] })).toEqual(['TW-2']);
    expect(await store.issues.count(project.id, { text: 'migration' })).toBe(2);
    expect(await keys('migration', { limit: 1 })).toEqual(['TW-1']);
    expect(await keys('migration', { limit: 1, offset: 1 })).toEqual(['TW-2']);
    const other = await store.projects.insert({ key: 'OT', name: 'Other', title: null, owner: null, date: null, status: null, summary: null });
    await store.issues.insert(other.id, { key: 'OT-1', title: 'Migration elsewhere', severity: 'major' });
    expect(await keys('migration')).toEqual(['TW-1', 'TW-2']);
  });

  it('a search in the register\'s order pages through every match, few or many', async () => {
    // The API's search: keyset pages in the register's order, the same as that order filtered in
    // JavaScript, whether the words match a few issues or thousands (the planner's two plans).
    const sev = ['critical', 'major', 'medium', 'minor'] as const;
    const many = Array.from({ length: 5_300 }, (_, i) => ({
      key: `M-${i}`, title: i % 2 ? `Cache key ${i}` : `Cache evicted ${i}`, severity: sev[i % 4]!,
      createdAt: new Date(Date.UTC(2026, 0, 1, 0, i % 977)).toISOString(), owner: i % 3 ? 'Team A' : 'Team B',
    }));
    await store.write((tx) => tx.issues.insertMany(project.id, many));
    const all = await store.issues.list(project.id, { sort: 'severity' });
    const cases: [string, IssueFilter][] = [['cache', {}], ['cache evicted', {}], ['cache', { severity: ['minor'], owner: 'team b' }], ['evicted 12', {}]];
    for (const [text, filter] of cases) {
      const words = text.split(' ');
      const expected = all
        .filter((i) => words.every((w) => i.title.toLowerCase().split(/\W+/).some((t) => t.startsWith(w))))
        .filter((i) => !filter.severity || filter.severity.includes(i.severity))
        .filter((i) => !filter.owner || i.owner === 'Team B')
        .map((i) => i.key);
      for (const descending of [false, true]) {
        const want = descending ? [...expected].reverse() : expected;
        const got: string[] = [];
        let after: (string | number)[] | undefined;
        for (let page = 0; page < 3; page++) {
          const rows = await store.issues.list(project.id, { text, ...filter, sort: 'severity', descending, limit: 50, ...(after ? { after } : {}) });
          got.push(...rows.map((i) => i.key));
          const last = rows.at(-1);
          if (!last || rows.length < 50) break;
          after = [last.severity, last.createdAt, last.id];
        }
        expect(got, `${text} ${descending ? 'desc' : 'asc'}`).toEqual(want.slice(0, 150));
      }
      expect(await store.issues.count(project.id, { text, ...filter })).toBe(expected.length);
    }
  });

  it('stays in step with updates, deletes and the bulk paths of import and ingest', async () => {
    const first = (await store.issues.get(project.id, 'TW-1'))!;
    await store.issues.update(first.id, { title: 'Schema upgrade fails', owner: 'Zoë' }, first.version);
    expect(await keys('migration')).toEqual(['TW-2']);
    expect(await keys('upgrade zoe')).toEqual(['TW-1']);
    await store.issues.delete(first.id);
    expect(await keys('upgrade')).toEqual([]);

    await store.write((tx) => tx.issues.insertMany(project.id, [
      { key: 'IM-1', title: 'Imported: Kündigungsfrist falsch', severity: 'minor', labels: ['Verträge'], description: 'Ça coûte cher' },
    ]));
    expect(await keys('kundigung')).toEqual(['IM-1']);
    expect(await keys('vertrage')).toEqual(['IM-1']);
    expect(await keys('ca coute')).toEqual(['IM-1']);

    // A long import indexes its rows in one statement after them (SQLite); the search is the same.
    // Into a table holding fewer rows than it adds, SQLite also builds the secondary indexes
    // after the rows: the schema afterwards is exactly the one the migrations made.
    const schema = (): unknown[] => {
      const raw = new Sqlite(factory.lastLocation(), { readonly: true });
      try {
        return raw.prepare(`select type, name, tbl_name, sql from sqlite_master order by type, name`).all();
      } finally {
        raw.close();
      }
    };
    const schemaBefore = factory.name === 'sqlite' ? schema() : [];
    const many = Array.from({ length: 1_200 }, (_, i) => ({ key: `BK-${i}`, title: `Bulk row ${i} Größe`, severity: 'minor' as const, owner: `Team ${i % 7}` }));
    // A clash with a stored key fails on its row (the unique indexes stay) and leaves the schema as it was.
    await expect(store.write((tx) => tx.issues.insertMany(project.id, [...many, { key: 'im-1', title: 'Clash', severity: 'minor' }]))).rejects.toThrow();
    if (factory.name === 'sqlite') expect(schema()).toEqual(schemaBefore);
    await store.write((tx) => tx.issues.insertMany(project.id, many));
    if (factory.name === 'sqlite') expect(schema()).toEqual(schemaBefore);
    expect(await store.issues.count(project.id, { owner: 'team 3' })).toBe(many.filter((i) => i.owner === 'Team 3').length);
    // Into a table holding more rows than it adds, the indexes stay and take the rows one by one.
    const more = Array.from({ length: 1_000 }, (_, i) => ({ key: `MO-${i}`, title: `More rows ${i}`, severity: 'major' as const, owner: 'Team Later' }));
    await store.write((tx) => tx.issues.insertMany(project.id, more));
    if (factory.name === 'sqlite') expect(schema()).toEqual(schemaBefore);
    expect(await store.issues.count(project.id, { owner: 'team later' })).toBe(1_000);
    expect(await keys('mo-999')).toEqual(['MO-999']);
    expect(await store.issues.count(project.id, { text: 'grosse' })).toBe(1_200);
    expect(await keys('bk-1199')).toEqual(['BK-1199']);
    expect(await keys('bulk 17 team')).toContain('BK-17');
    const manual = await store.issues.insert(project.id, { key: 'AF-1', title: 'After the bulk write', severity: 'minor' });
    expect(await keys('after bulk')).toEqual([manual.key]);

    await store.projects.reserveIssueNumbers(project.id, 10); // past the keys written by hand above
    const sarif = fixture('eslint.sarif');
    await ingestText(store, project, sarif, { name: 'eslint.sarif' });
    const ingested = (await store.issues.list(project.id)).filter((i) => i.source !== 'manual');
    expect(ingested.length).toBeGreaterThan(0);
    for (const issue of ingested) {
      const word = issue.title.split(/[^\p{L}\p{N}]+/u).find((w) => w.length > 3)!;
      expect(await keys(word), issue.title).toContain(issue.key);
    }

    if (factory.name === 'sqlite') {
      // FTS5 compares its index with the issues table it indexes: any drift is an error here.
      const raw = new Sqlite(factory.lastLocation());
      expect(() => raw.exec(`insert into issues_fts(issues_fts, rank) values ('integrity-check', 1)`)).not.toThrow();
      // Every index rebuilt after the rows holds exactly the table's rows.
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      raw.close();
    }
  });
});
