import { describe, expect, it } from 'vitest';
import { fixture, FIXTURE_ROOT } from '../../../test/ingest/fixtures.js';
import { parseReport } from '../parse.js';
import { parseSarifStream } from './sarif-stream.js';

const options = { root: FIXTURE_ROOT };

async function* chunks(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

/** A SARIF with what the ESLint fixture lacks: suppressions, fingerprints, rules after results, URI bases, several runs. */
const rich = JSON.stringify({
  version: '2.1.0',
  runs: [
    {
      originalUriBaseIds: { SRCROOT: { uri: 'file:///repo/' } },
      results: [
        { ruleId: 'js/sql-injection', message: { text: 'Query built from user input' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'api/db.js', uriBaseId: 'SRCROOT' }, region: { startLine: 12 } } }], partialFingerprints: { primaryLocationLineHash: 'abc:1' } },
        { ruleIndex: 1, message: { id: 'default', arguments: ['x'] }, locations: [{ physicalLocation: { artifactLocation: { uri: 'file:///repo/lib/a.js' } } }], suppressions: [{ kind: 'inSource' }] },
        { ruleId: 'js/unused', kind: 'pass', message: { text: 'fine' } },
        { ruleId: 'js/unused', level: 'note', message: { text: 'review' }, suppressions: [{ kind: 'external', status: 'underReview' }] },
      ],
      tool: {
        driver: {
          name: 'CodeQL',
          rules: [
            { id: 'js/sql-injection', properties: { 'security-severity': '9.8' } },
            { id: 'js/unused', defaultConfiguration: { level: 'warning' }, messageStrings: { default: { text: 'Unused variable {0}.' } }, properties: { 'security-severity': 7.5 } },
          ],
        },
      },
    },
    { tool: { driver: { name: 'Semgrep OSS' } }, results: [{ ruleId: 'r1', level: 'error', message: { text: 'semgrep says' } }] },
  ],
});

describe('SARIF: the streaming reader and the whole-document reader agree', () => {
  it.each([
    ['eslint.sarif', fixture('eslint.sarif')],
    ['a rich hand-made SARIF', rich],
  ])('on %s, in any chunk size', async (_name, text) => {
    const whole = parseReport(text, 'sarif', { root: '/repo' });
    for (const size of [7, 1024, 1 << 20]) expect(await parseSarifStream(chunks(text, size), { root: '/repo' })).toEqual(whole);
  });

  it('reads suppressions, security-severity, message templates, URI bases and one result per tool', () => {
    const [codeql, semgrep] = parseReport(rich, 'sarif', { root: '/repo' });
    expect(codeql?.tool).toBe('codeql');
    expect(semgrep?.tool).toBe('semgrep-oss');
    expect(codeql?.findings).toEqual([
      { rule: 'js/sql-injection', level: 'warning', message: 'Query built from user input', file: 'api/db.js', line: 12, col: null, toolFingerprint: 'primaryLocationLineHash=abc:1', severityHint: 'critical' },
      { rule: 'js/unused', level: 'warning', message: 'Unused variable x.', file: 'lib/a.js', line: null, col: null, suppressed: true, severityHint: 'major' },
      { rule: 'js/unused', level: 'note', message: 'review', file: null, line: null, col: null, severityHint: 'major' },
    ]);
  });

  it('resolves paths against URI bases given after the results, in report order', async () => {
    const at = (uri: string, uriBaseId?: string) => [{ physicalLocation: { artifactLocation: { uri, ...(uriBaseId !== undefined ? { uriBaseId } : {}) }, region: { startLine: 1 } } }];
    const text = JSON.stringify({
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'CodeQL' } },
          results: [
            { ruleId: 'r', message: { text: 'based' }, locations: at('a.js', 'SRCROOT') },
            { ruleId: 'r', message: { text: 'absolute' }, locations: at('file:///repo/b.js') },
            { ruleId: 'r', message: { text: 'unknown base' }, locations: at('c.js', 'NOPE') },
          ],
          originalUriBaseIds: { SRCROOT: { uri: 'file:///repo/src/' } },
        },
      ],
    });
    const whole = parseReport(text, 'sarif', { root: '/repo' });
    expect(whole[0]?.findings.map((f) => [f.message, f.file])).toEqual([
      ['based', 'src/a.js'],
      ['absolute', 'b.js'],
      ['unknown base', 'c.js'],
    ]);
    for (const size of [7, 1 << 20]) expect(await parseSarifStream(chunks(text, size), { root: '/repo' })).toEqual(whole);
  });

  it.each([
    ['truncated', fixture('eslint.sarif').slice(0, 2000), /not valid JSON/],
    ['wrong type', fixture('eslint.sarif').replace('"startLine": 4', '"startLine": "4"'), /runs\[0\]\.results\[0\]: locations\[0\]\.physicalLocation\.region\.startLine/],
    ['no runs', '{"version":"2.1.0"}', /no runs|"runs" array/],
    ['no driver', '{"runs":[{"results":[]}]}', /runs/],
  ])('both refuse a %s document with a one-line bad-input error', async (_name, text, message) => {
    expect(() => parseReport(text, 'sarif', options)).toThrow(message);
    await expect(parseSarifStream(chunks(text, 512), options)).rejects.toThrow(message);
  });
});
