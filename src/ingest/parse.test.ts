import { describe, expect, it } from 'vitest';
import { fixture, FIXTURE_ROOT } from '../../test/ingest/fixtures.js';
import { sniffFormat } from './detect.js';
import { parseReport } from './parse.js';

const options = { root: FIXTURE_ROOT };
const parse = (name: string) => parseReport(fixture(name), 'auto', options, name);

describe('parseReport on real tool output', () => {
  it('reads ESLint JSON with repo-relative paths and levels', () => {
    const [result] = parse('eslint.json');
    expect(result?.tool).toBe('eslint');
    expect(result?.findings).toHaveLength(10);
    expect(result?.findings[0]).toMatchObject({ rule: 'no-unused-vars', level: 'error', file: 'bot/handlers/commands.js', line: 4, col: 5 });
    expect(result?.findings.filter((f) => f.level === 'warning').map((f) => f.rule)).toEqual(['prefer-const', 'eqeqeq', 'eqeqeq']);
  });

  it('reads ESLint SARIF as the same findings as ESLint JSON', () => {
    const [sarif] = parse('eslint.sarif');
    const [json] = parse('eslint.json');
    expect(sarif?.tool).toBe('eslint');
    const key = (f: { rule: string | null; file: string | null; line: number | null; message: string }) => `${f.rule} ${f.file}:${f.line} ${f.message}`;
    expect(sarif?.findings.map(key).sort()).toEqual(json?.findings.map(key).sort());
  });

  it('reads tsc plain and pretty output alike, message chains included', () => {
    const [plain] = parse('tsc-plain.txt');
    const [pretty] = parse('tsc-pretty.txt');
    expect(plain?.findings).toHaveLength(5);
    expect(plain?.findings[1]).toMatchObject({ rule: 'TS2769', file: 'lib/stats.ts', line: 4, col: 52 });
    expect(plain?.findings[1]?.message).toContain('\nThe last overload gave the following error.');
    const strip = (r: typeof plain) => r?.findings.map((f) => [f.rule, f.file, f.line, f.col, f.message.split('\n')[0]]);
    expect(strip(pretty)).toEqual(strip(plain));
  });

  it.each([
    ['vitest-junit.xml', { passed: 5, failed: 2, skipped: 2, total: 9 }, 'test/args.test.js'],
    ['jest-junit.xml', { passed: 3, failed: 2, skipped: 1, total: 6 }, 'jtest/args.test.cjs'],
    ['mocha-xunit.xml', { passed: 1, failed: 2, skipped: 2, total: 5 }, 'mtest/args.spec.cjs'],
    ['pytest-junit.xml', { passed: 1, failed: 2, skipped: 2, total: 5 }, null],
    ['surefire-junit.xml', { passed: 2, failed: 2, skipped: 1, total: 5 }, null],
  ])('reads JUnit from %s: counts from the cases, failing tests as findings', (name, tests, file) => {
    const [result] = parse(name);
    expect(result?.tests).toEqual(tests);
    expect(result?.findings).toHaveLength(tests.failed);
    expect(result?.findings.every((f) => f.severityHint === 'major')).toBe(true);
    if (file !== null) expect(result?.findings[0]?.file).toBe(file);
  });

  it('tells pytest errors (broken fixture) from failures', () => {
    const [result] = parse('pytest-junit.xml');
    expect(result?.findings.map((f) => f.rule)).toEqual(['test-failure', 'test-error']);
    expect(result?.findings[1]?.message).toContain('database unavailable');
  });

  it('reads the three coverage files to the same percentages', () => {
    const [summary] = parse('coverage-summary.json');
    const [final] = parse('coverage-final.json');
    const [lcov] = parse('lcov.info');
    expect(summary?.coverage).toMatchObject({ lines: 28.84, statements: 28.84, functions: 50, branches: 77.77 });
    expect(final?.coverage?.functions).toBe(50);
    expect(final?.coverage?.branches).toBeCloseTo(77.78, 1);
    expect(lcov?.coverage?.lines).toBeCloseTo(28.85, 1);
    expect(lcov?.coverage?.statements).toBeNull();
  });

  it('reads npm audit v2: one finding per package and advisory, npm severities mapped', () => {
    const [result] = parse('npm-audit.json');
    expect(result?.tool).toBe('npm-audit');
    const lodash = result?.findings.filter((f) => f.data?.package === 'lodash');
    expect(lodash?.map((f) => f.severityHint).sort()).toEqual(['major', 'medium']);
    expect(result?.findings).toHaveLength(6);
    expect(result?.findings.find((f) => f.rule === 'vulnerable-dependency')?.message).toContain('through');
  });
});

describe('sniffFormat', () => {
  it.each([
    ['eslint.json', 'eslint'],
    ['eslint.sarif', 'sarif'],
    ['tsc-plain.txt', 'tsc'],
    ['tsc-pretty.txt', 'tsc'],
    ['vitest-junit.xml', 'junit'],
    ['pytest-junit.xml', 'junit'],
    ['coverage-summary.json', 'coverage'],
    ['coverage-final.json', 'coverage'],
    ['lcov.info', 'coverage'],
    ['npm-audit.json', 'npm-audit'],
  ])('%s is %s', (name, format) => {
    expect(sniffFormat(fixture(name))).toBe(format);
  });
});

describe('coverage that measured nothing', () => {
  it('has no figure, not 100%, when the totals are zero and the percentage "Unknown"', () => {
    const [empty] = parse('coverage-summary-empty.json');
    expect(empty?.coverage).toMatchObject({ lines: null, statements: null, functions: null, branches: null });
    expect(parseReport('TN:\nSF:a.js\nLF:0\nLH:0\nend_of_record\n', 'coverage', { root: '/' })[0]?.coverage?.lines).toBeNull();
  });
});
