import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { ProjectDocument } from '../../src/domain/document.js';
import { buildDocument, buildIssue } from '../support/builders.js';
import { fixturePath, FIXTURE_ROOT } from '../ingest/fixtures.js';
import { cliWithStore, runCli } from '../support/cli.js';
import { createDatabase } from '../support/postgres-server.js';
import { dumpTables } from '../support/dump-tables.js';
import { openStore, type StoreLocation } from '../../src/store/open-store.js';

const dir = () => mkdtempSync(join(tmpdir(), 'punchlist-doc-'));
const storeKinds = () => (process.env.PUNCHLIST_TEST_PG ? ['sqlite', 'postgres'] : ['sqlite']);
let databases = 0;
const freshPostgres = () => createDatabase(process.env.PUNCHLIST_TEST_PG!, `tdoc_${process.pid}_${Date.now()}_${databases++}`);
const cliWithUrl = (url: string) => ({ location: { kind: 'postgres', url } as StoreLocation, run: (...args: string[]) => runCli(['--db', url, '--as', 'tester', ...args]) });
const cliWithPath = (path: string) => ({ location: { kind: 'sqlite', path } as StoreLocation, run: (...args: string[]) => runCli(['--db', path, '--as', 'tester', ...args]) });

function fullDocument(): ProjectDocument {
  return buildDocument({
    project: { key: 'TW', name: 'Tidewater Billing', title: 'TIDEWATER BILLING - PRE-LAUNCH AUDIT', owner: 'Platform Lead', date: 'March 2026', status: 'TRIAGE IN PROGRESS', summary: null },
    issues: [
      buildIssue({ key: 'B001', title: 'Invoice PDF renderer crashes', severity: 'critical', status: 'in_progress', owner: 'Platform Lead', estimateMinutes: 45, files: ['services/invoices/render.ts'], startedAt: '2026-03-02T09:00:00.000Z', createdAt: '2026-03-01T09:00:00.000Z', comments: [{ author: 'ann', body: 'repro', at: '2026-03-02T10:00:00.000Z' }] }),
      buildIssue({ key: 'M001', title: 'Tax totals rounded per line', severity: 'major', labels: ['tax'], extra: { Notes: 'per invoice' }, createdAt: '2026-03-01T10:00:00.000Z' }),
    ],
    phases: [{ key: 'phase-1', name: 'Blockers', order: 0, state: 'active', label: 'ACTIVE', window: 'Week 1', branch: null, hours: 40, deliverables: [], items: [{ text: 'Patch the webhook check', done: true, rule: null, doneBy: null, doneAt: null }] }],
    checklists: [{ key: 'go-live', title: 'Go-live Checklist', section: 'RELEASE GATES', items: [{ text: 'No open blockers', done: false, rule: 'issues.open(["critical"]) == 0', doneBy: null, doneAt: null }] }],
    kpis: [{ key: 'ci_success_rate', name: 'CI pipeline success rate', unit: '%', target: 95, comparator: '>=', phase: 'phase-1', values: [{ value: 80, at: '2026-03-01T00:00:00.000Z' }] }],
    risks: [{ title: 'Launch slips', category: 'Business', mitigation: 'Reduced scope', likelihood: null, impact: null, owner: null, status: 'open' }],
    teams: [{ name: 'Data Team', focus: 'Migrations', members: [], capacityHours: null }],
    escalation: [{ level: 1, afterMinutes: 240, scope: 'Release blockers', severities: ['critical'], contacts: ['Platform Lead'], resolution: 'Hotfix branch', businessHours: true, phases: [], labels: ['api'], owners: [], channels: ['ops'], repeatMinutes: 60 }],
    actions: [{ title: 'Migration Test Database', kind: 'action', estimateMinutes: 180, snippet: 'initdb -D /tmp/x', snippetLang: 'bash' }],
    notes: [{ section: 'Success Definition', markdown: 'A green pipeline.' }],
  });
}

describe('project document: export and import', () => {
  it('a document imported into an empty store exports as it was given, in JSON and in YAML', async () => {
    const d = dir();
    const source = fullDocument();
    writeFileSync(join(d, 'in.json'), JSON.stringify(source));
    const a = cliWithStore();
    expect((await a.run('import', join(d, 'in.json'))).code).toBe(0);
    expect((await a.run('export', '-o', join(d, 'out.json'))).code).toBe(0);
    const first = JSON.parse(readFileSync(join(d, 'out.json'), 'utf8')) as ProjectDocument;
    expect(first).toEqual(source);

    expect((await a.run('export', '--format', 'yaml', '-o', join(d, 'out.yaml'))).code).toBe(0);
    expect(parseYaml(readFileSync(join(d, 'out.yaml'), 'utf8'))).toEqual(first);

    const b = cliWithStore();
    expect((await b.run('import', join(d, 'out.yaml'))).code).toBe(0);
    const second = await b.run('export');
    expect(second.json()).toEqual(first);
  });

  // What SPEC §3 says export carries, checked against a store built by commands (not from a
  // document, which would only prove export is the inverse of import): each issue's editable
  // fields, its comments and times, phases, checklists with their ticks, KPIs with their values.
  // And what it does not claim to carry (backup does): findings, runs, the event log.
  it.each(storeKinds())('export → import into a fresh store (%s) carries what the document claims, and no more', async (kind) => {
    const d = dir();
    const a = cliWithStore();
    const plan = { version: 1, project: { key: 'TW', name: 'Tidewater' }, phases: [{ key: 'p1', name: 'Blockers', order: 1, items: [{ text: 'Patch it' }] }], checklists: [{ key: 'go-live', title: 'Go live', items: [{ text: 'Backups tested' }] }], kpis: [{ key: 'ci', name: 'CI success', unit: '%', target: 95, comparator: '>=' }] };
    writeFileSync(join(d, 'plan.json'), JSON.stringify(plan));
    const ok = async (...args: string[]) => {
      const r = await a.run(...args);
      expect(r.stderr, args.join(' ')).toBe('');
      return r;
    };
    await ok('import', join(d, 'plan.json'));
    await ok('issue', 'add', 'Invoice PDF crashes', '--severity', 'critical', '--owner', 'Ann', '--eta', '2h', '--due', '2026-04-01', '--phase', 'p1', '--label', 'pdf,billing', '--file', 'src/pdf.ts', '--link', 'https://example.com/pr/1', '--description', 'Crashes on *big* invoices.');
    await ok('issue', 'add', 'Tax rounding', '--severity', 'major');
    await ok('issue', 'add', 'Old key', '--severity', 'minor', '--key', 'B001');
    await ok('issue', 'comment', 'TW-1', 'Reproduced on staging');
    await ok('issue', 'start', 'TW-1');
    await ok('issue', 'resolve', 'TW-2');
    await ok('kpi', 'record', 'ci', '91', '--at', '2026-03-02');
    await ok('check', 'tick', 'go-live', '1');
    await ok('ingest', '--root', FIXTURE_ROOT, fixturePath('eslint.json'));
    expect((await a.run('export', '-o', join(d, 'tw.json'))).code).toBe(0);

    const b = kind === 'postgres' ? cliWithUrl(await freshPostgres()) : cliWithPath(cliWithStore().db);
    expect((await b.run('import', join(d, 'tw.json'))).stderr).toBe('');
    expect((await b.run('export')).json()).toEqual((await a.run('export')).json());
    const keys = (await a.run('--json', 'issue', 'list', '--all')).json<{ key: string }[]>().map((i) => i.key);
    expect(keys.length).toBeGreaterThan(5);
    const carried = ['key', 'title', 'severity', 'status', 'owner', 'estimateMinutes', 'dueDate', 'files', 'phase', 'labels', 'links', 'description', 'extra', 'createdAt', 'startedAt', 'resolvedAt'] as const;
    for (const key of keys) {
      const show = async (side: { run: typeof a.run }) => {
        const issue = (await side.run('--json', 'issue', 'show', key)).json<Record<string, unknown> & { comments: { author: string; body: string; at: string }[] }>();
        return { ...Object.fromEntries(carried.map((f) => [f, issue[f]])), comments: issue.comments.map((c) => [c.author, c.body, c.at]) };
      };
      expect(await show(b), key).toEqual(await show(a));
    }
    for (const args of [['check', 'list'], ['kpi', 'list']]) {
      expect((await b.run('--json', ...args)).json(), args.join(' ')).toEqual((await a.run('--json', ...args)).json());
    }
    // A KPI value's value and time are in the document; who recorded it is not (SPEC §3).
    const history = async (side: { run: typeof a.run }) => (await side.run('--json', 'kpi', 'history', 'ci')).json<{ value: number; at: string }[]>().map((v) => [v.value, v.at]);
    expect(await history(b)).toEqual(await history(a));
    // Not a backup: findings and runs stay behind, and the log starts again with the import.
    const rowsOf = async (location: StoreLocation) => {
      const store = await openStore(location);
      try {
        const all = await dumpTables(store);
        return { findings: all.findings?.length, runs: all.runs?.length };
      } finally {
        await store.close();
      }
    };
    expect(await rowsOf({ kind: 'sqlite', path: a.db })).toEqual({ findings: 10, runs: 1 });
    expect(await rowsOf(b.location)).toEqual({ findings: 0, runs: 0 });
    const logA = (await a.run('--json', 'log')).json<unknown[]>();
    const logB = (await b.run('--json', 'log')).json<{ action: string }[]>();
    expect(logB.length).toBeLessThan(logA.length);
    expect(logB.every((e) => ['project.created', 'issue.created', 'section.updated', 'snapshot.taken'].includes(e.action))).toBe(true);
  });

  it('after export → import into an empty store, numbering continues and a re-ingest works as on the original', async () => {
    const d = dir();
    const a = cliWithStore();
    await a.run('init', '--key', 'TW', '--name', 'Tidewater');
    await a.run('issue', 'add', 'first', '--severity', 'major');
    await a.run('issue', 'add', 'second', '--severity', 'minor', '--owner', 'Ann');
    await a.run('issue', 'add', 'kept key', '--severity', 'minor', '--key', 'tw-7');
    expect((await a.run('export', '-o', join(d, 'tw.json'))).code).toBe(0);
    const b = cliWithStore();
    expect((await b.run('import', join(d, 'tw.json'))).code).toBe(0);
    expect((await b.run('export')).json()).toEqual((await a.run('export')).json());
    for (const side of [a, b]) {
      const added = await side.run('--json', 'issue', 'add', 'third', '--severity', 'major');
      expect(added.stderr).toBe('');
      expect(added.json<{ key: string }>().key).toBe('TW-8');
      const ingest = await side.run('--json', 'ingest', '--root', FIXTURE_ROOT, fixturePath('eslint.json'));
      expect(ingest.stderr).toBe('');
      expect(ingest.json()).toMatchObject({ new: 10, issuesCreated: 5 });
    }
    const keys = async (side: typeof a) => (await side.run('--json', 'issue', 'list')).json<{ key: string }[]>().map((i) => i.key).sort();
    expect(await keys(b)).toEqual(await keys(a));
  });

  it('exports every section even when empty, with nulls and empty lists', async () => {
    const { run } = cliWithStore();
    await run('init', '--key', 'TW', '--name', 'Tidewater');
    const doc = (await run('export')).json<Record<string, unknown>>();
    expect(Object.keys(doc)).toEqual(['version', 'project', 'issues', 'phases', 'checklists', 'kpis', 'risks', 'teams', 'escalation', 'actions', 'notes']);
    expect(doc.project).toEqual({ key: 'TW', name: 'Tidewater', title: null, owner: null, date: null, status: null, summary: null });
  });

  it('is idempotent: the same document twice changes nothing, not even the log', async () => {
    const d = dir();
    writeFileSync(join(d, 'doc.json'), JSON.stringify(fullDocument()));
    const { run } = cliWithStore();
    await run('import', join(d, 'doc.json'));
    const eventsBefore = (await run('--json', 'log')).json<unknown[]>().length;
    const again = await run('--json', 'import', join(d, 'doc.json'));
    expect(again.json()).toMatchObject({ created: [], updated: [], unchanged: 2, sections: [] });
    expect((await run('--json', 'log')).json<unknown[]>()).toHaveLength(eventsBefore);
  });

  it('records each created issue in its history: the fields it was created with, the empty ones left out', async () => {
    const d = dir();
    writeFileSync(join(d, 'doc.json'), JSON.stringify(fullDocument()));
    const { run } = cliWithStore();
    await run('import', join(d, 'doc.json'));
    const exported = (await run('--json', 'export')).json<{ issues: Record<string, unknown>[] }>().issues;
    for (const issue of exported) {
      const shown = (await run('--json', 'issue', 'show', String(issue.key))).json<{ history: { action: string; data: { after: Record<string, unknown>; via: string } }[] }>();
      const created = shown.history.find((e) => e.action === 'issue.created')!;
      expect(created.data.via).toBe('import');
      const empty = (v: unknown) => v === null || (Array.isArray(v) ? v.length === 0 : typeof v === 'object' && Object.keys(v).length === 0);
      // The issue as created is the event's fields plus the empty ones.
      const asCreated = Object.fromEntries(Object.entries(issue).filter(([k, v]) => k !== 'key' && !empty(v)));
      expect(created.data.after).toEqual(asCreated);
    }
  });

  it('updates by key, records what changed, lists what is missing and prunes on request', async () => {
    const d = dir();
    const doc = fullDocument();
    writeFileSync(join(d, 'v1.json'), JSON.stringify(doc));
    const v2 = { ...doc, issues: [{ ...doc.issues[0]!, status: 'resolved' as const, owner: 'Data Team' }] };
    writeFileSync(join(d, 'v2.json'), JSON.stringify(v2));
    const { run } = cliWithStore();
    await run('import', join(d, 'v1.json'));
    const dry = await run('import', '--dry-run', join(d, 'v2.json'));
    expect(dry.stdout).toContain('Dry run: issues 0 created, 1 updated, 0 unchanged');
    expect(dry.stdout).toContain('Not in the document (kept; --prune removes them): M001');
    expect((await run('--json', 'issue', 'show', 'B001')).json()).toMatchObject({ status: 'in_progress' });

    await run('import', join(d, 'v2.json'));
    const b001 = (await run('--json', 'issue', 'show', 'B001')).json<{ status: string; resolvedAt: string | null; history: { action: string; data: { changes?: Record<string, unknown> } }[] }>();
    expect(b001.status).toBe('resolved');
    expect(b001.resolvedAt).not.toBeNull();
    expect(b001.history.at(-1)?.data.changes).toMatchObject({ status: ['in_progress', 'resolved'], owner: ['Platform Lead', 'Data Team'] });
    expect((await run('--json', 'issue', 'list')).json<unknown[]>()).toHaveLength(2);

    const pruned = await run('--json', 'import', '--prune', join(d, 'v2.json'));
    expect(pruned.json()).toMatchObject({ pruned: ['M001'] });
    expect((await run('--json', 'issue', 'list')).json<unknown[]>()).toHaveLength(1);
  });
});

describe('project document: bad input is refused whole', () => {
  const valid = () => JSON.parse(JSON.stringify(fullDocument())) as Record<string, unknown> & { issues: Record<string, unknown>[] };
  const cases: [string, (doc: ReturnType<typeof valid>) => unknown, RegExp][] = [
    ['unknown severity', (d) => ((d.issues[0]!.severity = 'urgent'), d), /document\.issues\[0\]\.severity: Invalid option: expected one of "critical"\|"major"\|"medium"\|"minor"/],
    ['unknown status', (d) => ((d.issues[1]!.status = 'sleeping'), d), /document\.issues\[1\]\.status: Invalid option/],
    ['wrong-typed estimate', (d) => ((d.issues[0]!.estimateMinutes = '45min'), d), /document\.issues\[0\]\.estimateMinutes: Invalid input: expected number, received string/],
    ['negative estimate', (d) => ((d.issues[0]!.estimateMinutes = -5), d), /estimateMinutes: Too small/],
    ['oversized title', (d) => ((d.issues[0]!.title = 'x'.repeat(501)), d), /document\.issues\[0\]\.title: Too big/],
    ['missing title', (d) => (delete d.issues[0]!.title, d), /document\.issues\[0\]\.title: Invalid input: expected string, received undefined/],
    ['duplicate key', (d) => ((d.issues[1]!.key = 'B001'), d), /document\.issues\[1\]\.key: "B001" appears twice/],
    ['bad key', (d) => ((d.issues[1]!.key = 'a b'), d), /document\.issues\[1\]\.key: /],
    ['files not a list', (d) => ((d.issues[0]!.files = 'a.ts'), d), /document\.issues\[0\]\.files: Invalid input: expected array/],
    ['wrong version', (d) => ((d.version = 2), d), /document\.version: Invalid input: expected 1/],
    ['unknown top-level field', (d) => ((d.extraStuff = 1), d), /document: Unrecognized key: "extraStuff"/],
    ['not an object', () => [1, 2, 3], /document: Invalid input: expected object, received array/],
    ['phase state', (d) => (((d.phases as Record<string, unknown>[])[0]!.state = 'sleeping'), d), /document\.phases\[0\]\.state: Invalid option/],
    ['bad comparator', (d) => (((d.kpis as Record<string, unknown>[])[0]!.comparator = '=>'), d), /document\.kpis\[0\]\.comparator: Invalid option/],
  ];

  it.each(cases)('%s', async (_name, mutate, message) => {
    const d = dir();
    const file = join(d, 'bad.json');
    writeFileSync(file, JSON.stringify(mutate(valid())));
    const { run } = cliWithStore();
    const result = await run('import', file);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect((await run('issue', 'list')).stderr).toMatch(/no project yet/);
  });

  it('refuses truncated JSON, malformed YAML, an unknown extension and a missing file', async () => {
    const d = dir();
    const { run } = cliWithStore();
    writeFileSync(join(d, 'cut.json'), JSON.stringify(fullDocument()).slice(0, 200));
    writeFileSync(join(d, 'bad.yaml'), 'version: 1\nproject: [unclosed\n');
    writeFileSync(join(d, 'doc.txt'), 'hello');
    expect(await run('import', join(d, 'cut.json'))).toMatchObject({ code: 2, stderr: expect.stringMatching(/cut\.json: not valid JSON/) });
    expect(await run('import', join(d, 'bad.yaml'))).toMatchObject({ code: 2, stderr: expect.stringMatching(/bad\.yaml: not valid YAML/) });
    expect(await run('import', join(d, 'doc.txt'))).toMatchObject({ code: 2, stderr: expect.stringMatching(/unknown kind of file/) });
    expect(await run('import', join(d, 'nope.json'))).toMatchObject({ code: 2, stderr: expect.stringMatching(/nope\.json: cannot read \(ENOENT\)/) });
  });

  it('refuses an unknown export format', async () => {
    const { run } = cliWithStore();
    await run('init', '--key', 'TW');
    expect(await run('export', '--format', 'xml')).toMatchObject({ code: 2, stderr: 'punchlist: --format: "xml" is not one of json, yaml, md\n' });
  });
});
