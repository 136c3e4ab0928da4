// Every transition of SPEC §6 against a real store (SQLite, and PostgreSQL when available).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Project } from '../../src/domain/model.js';
import type { Store } from '../../src/domain/ports.js';
import { updateIssue } from '../../src/services/issues.js';
import Sqlite from 'better-sqlite3';
import { sqliteFactory, storeFactories } from '../support/stores.js';
import { fixture } from './fixtures.js';
import { storeContents } from '../support/contents.js';
import { defaultConfig, ingestText, withProject } from './helpers.js';

const eslint = fixture('eslint.json');
/** The same run with the two no-var problems fixed. */
const eslintFixed = JSON.stringify(
  (JSON.parse(eslint) as { messages: { ruleId: string }[] }[]).map((file) => ({ ...file, messages: file.messages.filter((m) => m.ruleId !== 'no-var') })),
);

describe.each(storeFactories())('ingest reconciliation on $name', (factory) => {
  let store: Store;
  let project: Project;
  beforeEach(async () => {
    store = await factory.open();
    project = await withProject(store);
  });
  afterEach(async () => {
    await store.close();
  });

  const issueTitles = async () => (await store.issues.list(project.id)).map((i) => `${i.severity} ${i.status} ${i.title}`).sort();

  it('first ingest creates grouped issues with titles that say what and where', async () => {
    const { reports, written } = await ingestText(store, project, eslint, { commit: 'abc123' });
    expect(written).toBe(true);
    expect(reports).toEqual([{ tool: 'eslint', scope: 'default', findings: 10, new: 10, unchanged: 0, fixed: 0, reopened: 0, issuesCreated: 5, issuesResolved: 0, issuesReopened: 0 }]);
    expect(await issueTitles()).toEqual([
      "major backlog 2 × no-var in bot/handlers/",
      "major backlog 4 × no-unused-vars in bot/handlers/",
      "major backlog no-debugger in bot/handlers/moderation.js: Unexpected 'debugger' statement.",
      'medium backlog 2 × eqeqeq in bot/handlers/',
      "medium backlog prefer-const in bot/handlers/commands.js: 'unusedCounter' is never reassigned. Use 'const' instead.",
    ]);
    const issue = (await store.issues.list(project.id)).find((i) => i.title.startsWith('4 × no-unused-vars'));
    expect(issue).toMatchObject({ key: 'BOT-1', source: 'eslint', files: ['bot/handlers/commands.js', 'bot/handlers/moderation.js'] });
    expect((await store.findings.forIssue(issue?.id ?? 0)).map((f) => f.line)).toEqual([4, 8, 5, 14]);
  });

  it('an unchanged re-ingest writes nothing at all, not even an event', async () => {
    await ingestText(store, project, eslint);
    const before = await storeContents(factory.lastLocation());
    const issuesBefore = await store.issues.list(project.id);
    const { reports, written } = await ingestText(store, project, eslint);
    expect(written).toBe(false);
    expect(reports[0]).toMatchObject({ findings: 10, new: 0, unchanged: 10, fixed: 0, issuesCreated: 0 });
    expect(await storeContents(factory.lastLocation())).toEqual(before);
    expect(await store.issues.list(project.id)).toEqual(issuesBefore);
  });

  it('an unchanged file is not trusted as unchanged after a config change or a deleted issue', async () => {
    await ingestText(store, project, eslint);
    // punchlist.yaml now rates no-var critical: the same file re-rates its issue.
    const config = defaultConfig('ingest: { severity: [{ rule: no-var, severity: critical }] }');
    const rerated = await ingestText(store, project, eslint, { config });
    expect(rerated.written).toBe(true);
    expect(await issueTitles()).toContain('critical backlog 2 × no-var in bot/handlers/');
    // A person deletes an issue: the same file again brings it back.
    const [gone] = await store.issues.list(project.id, { severity: ['critical'] });
    await store.write((tx) => tx.issues.delete((gone as { id: number }).id));
    const again = await ingestText(store, project, eslint, { config });
    expect(again.reports[0]).toMatchObject({ unchanged: 10, issuesCreated: 1 });
    // And now, nothing changed: nothing is written.
    const before = await storeContents(factory.lastLocation());
    expect((await ingestText(store, project, eslint, { config })).written).toBe(false);
    expect(await storeContents(factory.lastLocation())).toEqual(before);
  });

  it('lines inserted at the top (real ESLint before/after): nothing new, nothing fixed', async () => {
    await ingestText(store, project, eslint);
    const { reports } = await ingestText(store, project, fixture('eslint-moved.json'));
    expect(reports[0]).toMatchObject({ new: 0, fixed: 0, unchanged: 10, issuesCreated: 0, issuesResolved: 0 });
    await ingestText(store, project, fixture('eslint.sarif'), { scope: 'sarif' });
    const { reports: sarif } = await ingestText(store, project, fixture('eslint-moved.sarif'), { scope: 'sarif' });
    expect(sarif[0]).toMatchObject({ new: 0, fixed: 0, unchanged: 10 });
  });

  it('fixed findings resolve their issue, citing run and commit; a regression reopens it', async () => {
    await ingestText(store, project, eslint, { commit: 'aaa111' });
    const fixed = await ingestText(store, project, eslintFixed, { commit: 'bbb222' });
    expect(fixed.reports[0]).toMatchObject({ fixed: 2, issuesResolved: 1, new: 0 });
    const issue = (await store.issues.list(project.id)).find((i) => i.title.includes('no-var'));
    expect(issue).toMatchObject({ status: 'resolved' });
    expect(issue?.resolvedAt).not.toBeNull();
    const resolved = (await store.events.list(project.id, { entityKey: issue?.key ?? '' })).find((e) => e.action === 'issue.resolved');
    expect(resolved?.data).toMatchObject({ commit: 'bbb222', reason: expect.stringMatching(/fixed in run #\d+ at commit bbb222/) });

    const back = await ingestText(store, project, eslint, { commit: 'ccc333' });
    expect(back.reports[0]).toMatchObject({ reopened: 2, issuesReopened: 1, new: 0 });
    const again = await store.issues.get(project.id, issue?.key ?? '');
    expect(again).toMatchObject({ status: 'backlog', labels: ['regression'], resolvedAt: null });
  });

  it("people's edits (owner, title, severity, status) survive a re-ingest", async () => {
    await ingestText(store, project, eslint);
    const issue = (await store.issues.list(project.id)).find((i) => i.title.startsWith('4 × no-unused-vars'));
    const key = issue?.key ?? '';
    await updateIssue(store, project, key, { owner: 'dana', title: 'Remove dead code in handlers', severity: 'minor', status: 'in_progress' }, { actor: 'dana' });
    const edited = await store.issues.get(project.id, key);
    // One no-unused-vars fixed: the ingest would retitle the group, but the title is a person's now.
    const oneFixed = JSON.stringify((JSON.parse(eslint) as { messages: { ruleId: string; line: number }[] }[]).map((f) => ({ ...f, messages: f.messages.filter((m) => !(m.ruleId === 'no-unused-vars' && m.line === 14)) })));
    const { reports } = await ingestText(store, project, oneFixed);
    expect(reports[0]).toMatchObject({ fixed: 1 });
    expect(await store.issues.get(project.id, key)).toMatchObject({ owner: 'dana', title: 'Remove dead code in handlers', severity: 'minor', status: 'in_progress', version: edited?.version });
  });

  it('the overwrite policy keeps titles when told to', async () => {
    await ingestText(store, project, eslint);
    const config = defaultConfig('ingest: { overwrite: [] }');
    const oneFixed = JSON.stringify((JSON.parse(eslint) as { messages: { ruleId: string; line: number }[] }[]).map((f) => ({ ...f, messages: f.messages.filter((m) => !(m.ruleId === 'no-unused-vars' && m.line === 14)) })));
    await ingestText(store, project, oneFixed, { config });
    expect(await issueTitles()).toContain('major backlog 4 × no-unused-vars in bot/handlers/');
  });

  it('SARIF suppressions are stored suppressed and never become issues', async () => {
    const sarif = JSON.parse(fixture('eslint.sarif')) as { runs: { results: Record<string, unknown>[] }[] };
    for (const result of sarif.runs[0]?.results ?? []) result.suppressions = [{ kind: 'inSource', status: 'accepted' }];
    const { reports } = await ingestText(store, project, JSON.stringify(sarif));
    expect(reports[0]).toMatchObject({ new: 10, issuesCreated: 0 });
    expect(await store.issues.count(project.id)).toBe(0);
  });

  it('failing tests become issues, resolve when they pass, and feed the test metrics', async () => {
    const junit = fixture('vitest-junit.xml');
    const first = await ingestText(store, project, junit);
    expect(first.reports[0]).toMatchObject({ tool: 'junit', new: 2, issuesCreated: 2 });
    expect(await issueTitles()).toEqual([
      'major backlog Failing test: parseArgs > splits values containing = signs',
      'major backlog Failing test: clamp > throws on inverted bounds',
    ].sort());
    expect((await store.findings.latestMetric(project.id, 'tests'))?.data).toEqual({ passed: 5, failed: 2, skipped: 2, total: 9 });
    const passing = junit.replace(/<failure[\s\S]*?<\/failure>/g, '');
    const second = await ingestText(store, project, passing);
    expect(second.reports[0]).toMatchObject({ fixed: 2, issuesResolved: 2 });
    expect((await store.findings.latestMetric(project.id, 'tests'))?.data).toEqual({ passed: 7, failed: 0, skipped: 2, total: 9 });
  });

  it('coverage lands as a metric with the rule-context names, once per change', async () => {
    await ingestText(store, project, fixture('coverage-summary.json'));
    const metric = await store.findings.latestMetric(project.id, 'coverage');
    expect(metric?.data).toEqual({
      lines: 28.84,
      branches: 77.77,
      functions: 50,
      statements: 28.84,
      // The counts behind them, so scopes combine as covered over total.
      linesCovered: 15,
      linesTotal: 52,
      statementsCovered: 15,
      statementsTotal: 52,
      functionsCovered: 2,
      functionsTotal: 4,
      branchesCovered: 7,
      branchesTotal: 9,
    });
    const again = await ingestText(store, project, fixture('coverage-summary.json'));
    expect(again.written).toBe(false);
  });

  it('a dry run plans the same counts and writes nothing', async () => {
    await ingestText(store, project, eslint);
    const before = await storeContents(factory.lastLocation());
    const dry = await ingestText(store, project, eslintFixed, { dryRun: true });
    expect(dry.reports[0]).toMatchObject({ fixed: 2, issuesResolved: 1 });
    expect(await storeContents(factory.lastLocation())).toEqual(before);
  });

  it('scopes reconcile apart: a second scope does not fix the first', async () => {
    await ingestText(store, project, eslint, { scope: 'web' });
    const { reports } = await ingestText(store, project, '[]', { scope: 'api', tool: 'eslint' });
    expect(reports[0]).toMatchObject({ fixed: 0, findings: 0 });
    expect((await store.issues.list(project.id, { open: true })).length).toBe(5);
  });
});

describe.each(storeFactories())('concurrent ingests on $name', (factory) => {
  it('two processes ingesting one report at once: one creates, the other finds it unchanged', async () => {
    const first = await factory.open();
    const project = await withProject(first);
    const second = await (factory.name === 'sqlite'
      ? (await import('../../src/store/sqlite.js')).openSqliteStore(factory.lastLocation())
      : (await import('../../src/store/postgres.js')).openPostgresStore(factory.lastLocation(), { poolSize: 2 }));
    const [a, b] = await Promise.all([ingestText(first, project, eslint), ingestText(second, project, eslint)]);
    expect([a.reports[0]?.new, b.reports[0]?.new].sort()).toEqual([0, 10]);
    expect(await first.issues.count(project.id)).toBe(5);
    await second.close();
    await first.close();
  });
});

describe('an unchanged re-ingest, seen from another connection', () => {
  it('commits nothing at all: SQLite data_version does not move', async () => {
    const factory = sqliteFactory();
    const store = await factory.open();
    const project = await withProject(store);
    await ingestText(store, project, eslint);
    await ingestText(store, project, fixture('vitest-junit.xml'));
    await ingestText(store, project, fixture('coverage-summary.json'));
    const watcher = new Sqlite(factory.lastLocation(), { readonly: true });
    const version = () => watcher.pragma('data_version', { simple: true }) as number;
    const tables = () => (['runs', 'findings', 'metrics', 'issues', 'events'] as const).map((t) => (watcher.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n);
    const before = { version: version(), tables: tables() };
    await ingestText(store, project, eslint);
    await ingestText(store, project, fixture('vitest-junit.xml'));
    await ingestText(store, project, fixture('coverage-summary.json'));
    expect({ version: version(), tables: tables() }).toEqual(before);
    watcher.close();
    await store.close();
  });
});
