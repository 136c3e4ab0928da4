// The ingest and scan commands as a user runs them: output, exit codes, nothing half-written.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliWithStore } from '../support/cli.js';
import { fixture, fixturePath, FIXTURE_ROOT } from './fixtures.js';

const scratch = mkdtempSync(join(tmpdir(), 'punchlist-ingest-cli-'));
const write = (name: string, text: string): string => {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
};

describe('punchlist ingest', () => {
  it('--json prints exactly the contract fields', async () => {
    const { run } = cliWithStore();
    const result = await run('--project', 'BOT', '--json', 'ingest', '--root', FIXTURE_ROOT, '--commit', 'abc', fixturePath('eslint.json'));
    expect(result.code).toBe(0);
    expect(result.json()).toEqual({ tool: 'eslint', scope: 'default', findings: 10, new: 10, unchanged: 0, fixed: 0, reopened: 0, issuesCreated: 5, issuesResolved: 0, issuesReopened: 0 });
  });

  it('creates the project in an empty store and prints one line per tool', async () => {
    const { run } = cliWithStore();
    const result = await run('--project', 'BOT', 'ingest', '--root', FIXTURE_ROOT, fixturePath('eslint.json'), fixturePath('vitest-junit.xml'));
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toEqual([
      'eslint: 10 findings: 10 new, 0 unchanged, 0 fixed, 0 reopened; issues: 5 created, 0 resolved, 0 reopened',
      'junit: 2 findings: 2 new, 0 unchanged, 0 fixed, 0 reopened; issues: 2 created, 0 resolved, 0 reopened',
    ]);
    const list = await run('--json', 'issue', 'list');
    expect(list.json<unknown[]>()).toHaveLength(7);
  });

  it('--dry-run says what would change and changes nothing', async () => {
    const { run } = cliWithStore();
    await run('--project', 'BOT', 'ingest', '--root', FIXTURE_ROOT, fixturePath('vitest-junit.xml'));
    const passing = write('passing.xml', fixture('vitest-junit.xml').replace(/<failure[\s\S]*?<\/failure>/g, ''));
    const dry = await run('ingest', '--dry-run', passing);
    expect(dry.stdout.trim()).toBe('dry run, nothing written: junit 0 findings (0 new, 0 unchanged, 0 reopened), creates 0 issues, fixes 2 findings and resolves 2 issues, reopens 0');
    const open = await run('--json', 'issue', 'list');
    expect(open.json<{ status: string }[]>().map((i) => i.status)).toEqual(['backlog', 'backlog']);
  });

  it('--explain KEY says how the findings matched and why the severity', async () => {
    const { run } = cliWithStore();
    await run('--project', 'BOT', 'ingest', '--root', FIXTURE_ROOT, fixturePath('eslint.json'));
    const result = await run('ingest', '--explain', 'BOT-1');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('BOT-1: 4 × no-unused-vars in bot/handlers/ (major, backlog)');
    expect(result.stdout).toContain('policy rule+dir → no-unused-vars:bot/handlers/');
    expect(result.stdout).toContain('severity major (default: error finding)');
    expect(result.stdout).toContain('moving code does not change them');
  });

  it.each([
    ['truncated SARIF', 'cut.sarif', fixture('eslint.sarif').slice(0, 3000), /not valid JSON/],
    ['truncated JUnit', 'cut.xml', fixture('pytest-junit.xml').slice(0, 700), /JUnit XML, line \d+/],
    ['a wrong type', 'typed.json', fixture('eslint.json').replace('"line":4', '"line":"four"'), /ESLint JSON: \[0\]\.messages\[0\]\.line/],
    ['an unknown format', 'notes.txt', 'hello world\n', /cannot tell which tool/],
    ['an empty file', 'empty.json', '', /cannot tell which tool/],
    ['an npm 6 audit', 'audit.json', '{"auditReportVersion":1,"advisories":{}}', /npm audit: auditReportVersion/],
    ['a huge message', 'huge.json', JSON.stringify([{ filePath: 'a.js', messages: [{ ruleId: 'x', severity: 2, message: 'x'.repeat(200_000), line: 1, column: 1 }] }]), /message over 100000 characters/],
  ])('refuses %s with one line, exit 2, and writes nothing', async (_what, name, text, message) => {
    const { run } = cliWithStore();
    await run('--project', 'BOT', 'ingest', '--root', FIXTURE_ROOT, fixturePath('eslint.json'));
    const before = await run('--json', 'log', '--limit', '1000');
    const result = await run('ingest', fixturePath('eslint.json'), write(name, text));
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect((await run('--json', 'log', '--limit', '1000')).stdout).toBe(before.stdout);
  });

  it('takes the tool per file as TOOL:PATH; an empty file given as tsc output is a clean run', async () => {
    const { run } = cliWithStore();
    const first = await run('--project', 'BOT', '--json', 'ingest', '--root', FIXTURE_ROOT, `tsc:${fixturePath('tsc-plain.txt')}`, fixturePath('eslint.json'));
    expect(first.code).toBe(0);
    expect(first.json<{ tool: string; new: number }[]>().map((r) => [r.tool, r.new])).toEqual([['tsc', 5], ['eslint', 10]]);
    const clean = write('tsc.txt', '');
    // Without the tool, an empty file cannot be told apart: one line that says what to write.
    const unnamed = await run('ingest', clean);
    expect(unnamed.code).toBe(2);
    expect(unnamed.stderr).toBe(`punchlist: ${clean}: the file is empty, so it cannot tell which tool wrote it; if it is a clean tsc run, name it tsc:${clean}\n`);
    const fixed = await run('--json', 'ingest', `tsc:${clean}`);
    expect(fixed.code).toBe(0);
    expect(fixed.json()).toMatchObject({ tool: 'tsc', findings: 0, fixed: 5, issuesResolved: 1 });
    const critical = await run('--json', 'issue', 'list', '--severity', 'critical', '--open');
    expect(critical.json<unknown[]>()).toEqual([]);
    // --tool still applies to every file without a prefix.
    expect((await run('--json', 'ingest', '--tool', 'tsc', clean)).code).toBe(0);
  });

  it('refuses a missing file and a file over the size limit', async () => {
    const { run } = cliWithStore();
    expect((await run('ingest', join(scratch, 'nope.json'))).stderr).toMatch(/no such file/);
    const config = write('small.yaml', 'ingest:\n  maxFileMB: 0.001\n');
    const big = await run('ingest', '--config', config, fixturePath('eslint.sarif'));
    expect(big.code).toBe(2);
    expect(big.stderr).toMatch(/over the 0\.0 MiB limit/);
  });
});

describe('punchlist scan', () => {
  it('runs the configured commands, tolerates their non-zero exits, and ingests what they print', async () => {
    const { run } = cliWithStore();
    const config = write(
      'punchlist.yaml',
      [
        'ingest:',
        `  root: ${FIXTURE_ROOT}`,
        'scan:',
        `  - name: lint`,
        `    run: cat ${fixturePath('eslint.json')}; exit 1`,
        `  - name: types`,
        `    run: cat ${fixturePath('tsc-plain.txt')}; exit 2`,
        '    tool: tsc',
        `  - name: tests`,
        `    run: "true"`,
        `    output: ${fixturePath('pytest-junit.xml')}`,
      ].join('\n'),
    );
    const result = await run('--project', 'BOT', '--json', 'scan', '--config', config);
    expect(result.code).toBe(0);
    expect(result.json<{ tool: string; new: number }[]>().map((r) => [r.tool, r.new])).toEqual([['eslint', 10], ['tsc', 5], ['junit', 2]]);
    const critical = await run('--json', 'issue', 'list', '--severity', 'critical');
    expect(critical.json<{ title: string }[]>().map((i) => i.title)).toEqual(['5 tsc errors in lib/stats.ts']);
  });

  it('a command that cannot run is one line and exit 2, nothing ingested', async () => {
    const { run } = cliWithStore();
    const config = write('broken.yaml', 'scan:\n  - name: lint\n    run: definitely-not-a-command-xyz\n');
    const result = await run('--project', 'BOT', 'scan', '--config', config);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/scan: lint \(auto\) crashed: could not run \(exit 127\): .*not found/);
  });

  const scanConfig = (name: string, lines: string[]): string => write(name, ['ingest:', `  root: ${FIXTURE_ROOT}`, 'scan:', ...lines].join('\n'));

  it('a crashed tool reconciles nothing: findings stay open, no issue resolved, rules on it unknown', async () => {
    const { run } = cliWithStore();
    await run('--project', 'BOT', 'ingest', '--root', FIXTURE_ROOT, `tsc:${fixturePath('tsc-plain.txt')}`);
    const before = await run('--json', 'log', '--limit', '1000');
    const crashed = scanConfig('tsc-crash.yaml', ['  - name: types', '    run: exit 2', '    tool: tsc']);
    const result = await run('scan', '--config', crashed);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'punchlist: scan: types (tsc) crashed: exit code 2 but printed nothing. Nothing it reported was reconciled; rules that depend on it are unknown until it runs cleanly.\n',
    );
    expect((await run('--json', 'log', '--limit', '1000')).stdout).toBe(before.stdout);
    const open = await run('--json', 'issue', 'list', '--severity', 'critical', '--open');
    expect(open.json<{ title: string }[]>().map((i) => i.title)).toEqual(['5 tsc errors in lib/stats.ts']);
    const rule = await run('check', 'eval', 'issues.open(["critical"]) == 0');
    expect(rule.code).toBe(1);
    expect(rule.stdout).toContain('unknown: the last run of scan command "types" (tsc, scope default)');
    expect(rule.stdout).toContain('crashed with exit code 2: exit code 2 but printed nothing; the register may be out of date');

    // ESLint's exit 2 is a crash even with output; so is output that cannot be read.
    const eslint = scanConfig('eslint-crash.yaml', ['  - name: lint', `    run: cat ${fixturePath('eslint.json')}; echo "Oops! Something went wrong" >&2; exit 2`, '    tool: eslint']);
    const lint = await run('scan', '--config', eslint);
    expect(lint.code).toBe(2);
    expect(lint.stderr).toContain('lint (eslint) crashed: exit code 2 is not one eslint gives when it ran (0, 1): Oops! Something went wrong');
    const junk = scanConfig('junit-junk.yaml', ['  - name: unit', '    run: echo "<testsuites><testsuite"', '    tool: junit']);
    expect((await run('scan', '--config', junk)).stderr).toContain('unit (junit) crashed: its output cannot be read');

    // The clean run that follows is evidence again: it reconciles, and the rule is answered.
    const clean = scanConfig('clean.yaml', [
      ...['  - name: types', '    run: "true"', '    tool: tsc'],
      ...['  - name: lint', '    run: echo "[]"', '    tool: eslint'],
      ...['  - name: unit', `    run: cat ${fixturePath('vitest-junit.xml')}; exit 1`, '    tool: junit'],
    ]);
    const ok = await run('--json', 'scan', '--config', clean);
    expect(ok.code).toBe(0);
    expect(ok.json<unknown[]>()[0]).toMatchObject({ tool: 'tsc', fixed: 5, issuesResolved: 1 });
    const answered = await run('check', 'eval', 'issues.open(["critical"]) == 0');
    expect(answered.stdout).toMatch(/^pass: 0 open critical/);
    expect((await run('check', 'eval', 'tests.failed == 2')).stdout).toMatch(/^pass: tests: 2 failed/);
  });

  it('reads exit codes and empty output as punchlist.yaml says for a custom command', async () => {
    const { run } = cliWithStore();
    await run('--project', 'BOT', 'ingest', '--root', FIXTURE_ROOT, `tsc:${fixturePath('tsc-plain.txt')}`);
    const custom = scanConfig('custom.yaml', ['  - name: types', '    run: exit 3', '    tool: tsc', '    exitCodes: [0, 3]', '    emptyOutput: clean']);
    const result = await run('--json', 'scan', '--config', custom);
    expect(result.code).toBe(0);
    expect(result.json()).toMatchObject({ tool: 'tsc', fixed: 5 });
    const strict = scanConfig('strict.yaml', ['  - name: tests', '    run: "true"', '    tool: junit', '    output: nowhere.xml']);
    expect((await run('scan', '--config', strict)).stderr).toContain('tests (junit) crashed: wrote no output file, and junit always writes a report when it runs');
  });

  it('stops a tool at its timeout, with everything it started, and returns', { timeout: 20_000 }, async () => {
    const { run } = cliWithStore();
    const pids = join(scratch, 'sleep.pids');
    const marker = `sleep 30.${process.pid}`;
    const slow = scanConfig('slow.yaml', ['  - name: slow', `    run: "echo $$ > ${pids}; ${marker} & echo $! >> ${pids}; ${marker}"`, '    timeoutSeconds: 2']);
    const result = await run('--project', 'BOT', 'scan', '--config', slow);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('slow (auto) crashed: timed out after 2s and was stopped');
    // A process that ended but was not yet reaped (a zombie; pid 1 of a container may be slow) is not running.
    const alive = (pid: number): boolean => {
      try {
        return !execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).trim().startsWith('Z');
      } catch {
        return false;
      }
    };
    const started = readFileSync(pids, 'utf8').trim().split('\n').map(Number);
    expect(started).toHaveLength(2);
    expect(started.filter(alive)).toEqual([]);
    const running = execFileSync('ps', ['-eo', 'stat=,args='], { encoding: 'utf8' }).split('\n').filter((l) => l.includes(marker) && !l.trim().startsWith('Z'));
    expect(running).toEqual([]);
  });

  it('logs with pino on standard error when PUNCHLIST_LOG_LEVEL asks', async () => {
    const { run } = cliWithStore();
    const config = scanConfig('log.yaml', ['  - name: types', '    run: "true"', '    tool: tsc']);
    process.env.PUNCHLIST_LOG_LEVEL = 'info';
    try {
      const result = await run('--project', 'BOT', 'scan', '--config', config);
      expect(result.code).toBe(0);
      const lines = result.stderr.trim().split('\n').map((l) => JSON.parse(l) as { level: number; name: string; msg: string });
      expect(lines.map((l) => l.msg)).toEqual(['running types', 'types finished']);
      expect(lines[0]).toMatchObject({ level: 30, name: 'scan' });
    } finally {
      delete process.env.PUNCHLIST_LOG_LEVEL;
    }
    expect((await run('scan', '--config', config)).stderr).toBe('');
  });
});
