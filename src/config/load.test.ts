import { describe, expect, it } from 'vitest';
import { parseConfig } from './load.js';

describe('parseConfig', () => {
  it('gives every default for an empty file', () => {
    const { config, warnings } = parseConfig('');
    expect(warnings).toEqual([]);
    expect(config.ingest).toEqual({
      scope: 'default',
      streamThresholdMB: 0,
      maxFileMB: 4096,
      grouping: {},
      severity: [],
      overwrite: ['title', 'severity', 'message'],
    });
    expect(config.scan).toEqual([]);
  });

  it('reads ingest and scan keys, one glob or a list', () => {
    const { config } = parseConfig(`
ingest:
  grouping: { eslint: rule+file, "eslint:no-console": rule }
  severity:
    - { tool: eslint, rule: no-debugger, severity: critical }
    - { path: ["test/**", "bench/**"], severity: minor }
  overwrite: [message]
scan:
  - run: tsc --noEmit --pretty false
    tool: tsc
`);
    expect(config.ingest.grouping['eslint:no-console']).toBe('rule');
    expect(config.ingest.severity[1]?.path).toEqual(['test/**', 'bench/**']);
    expect(config.scan[0]).toMatchObject({ run: 'tsc --noEmit --pretty false', tool: 'tsc', timeoutSeconds: 1800 });
  });

  it('warns about unknown top-level keys and keeps going', () => {
    expect(parseConfig('ingset: {}\nrules: {}').warnings).toEqual(['punchlist.yaml: unknown key "ingset" is ignored']);
  });

  it.each([
    ['ingest: { grouping: { eslint: by-file } }', /ingest\.grouping\.eslint/],
    ['ingest: { severity: [ { rule: x, severity: blocker } ] }', /ingest\.severity\.0\.severity/],
    ['ingest: { overwrite: [owner] }', /ingest\.overwrite\.0/],
    ['ingest: { strem: 1 }', /ingest/],
    ['scan: [ { tool: tsc } ]', /scan\.0\.run/],
    ['[1, 2]', /mapping/],
    ['ingest: [', /not valid YAML/],
  ])('refuses %s with one line naming the key', (text, message) => {
    expect(() => parseConfig(text)).toThrow(message);
  });
});
