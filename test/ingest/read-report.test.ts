// The file reader: both SARIF paths (whole, streamed) give the same findings from the same file,
// and the threshold decides which one runs.
import { describe, expect, it } from 'vitest';
import { generateSarif } from '../../bench/ingest-generate.js';
import { readReport } from '../../src/ingest/read-report.js';
import { fixturePath, FIXTURE_ROOT } from './fixtures.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const generated = join(mkdtempSync(join(tmpdir(), 'punchlist-read-')), 'gen.sarif');
writeFileSync(generated, generateSarif({ results: 3_000 }));

const read = (path: string, streamThresholdBytes: number, onBytes?: (n: number) => void) =>
  readReport(path, { tool: 'auto', root: FIXTURE_ROOT, streamThresholdBytes, maxBytes: 1 << 30, ...(onBytes ? { onBytes } : {}) });

describe('readReport', () => {
  it.each([['eslint.sarif', fixturePath('eslint.sarif')], ['3,000 generated results', generated]])('streams or not, the same findings: %s', async (_name, path) => {
    let streamedBytes = 0;
    const streamed = await read(path, 1, (n) => (streamedBytes += n));
    const whole = await read(path, 1 << 30);
    expect(streamed).toEqual(whole);
    expect(streamedBytes).toBeGreaterThan(0);
  });

  it('refuses what is over the size limit before reading it', async () => {
    await expect(readReport(fixturePath('eslint.sarif'), { tool: 'auto', root: '/', streamThresholdBytes: 1, maxBytes: 100 })).rejects.toThrow(/over the 0\.0 MiB limit/);
  });
});

describe('progress', () => {
  it('reports bytes read against the total, streamed or whole, for the progress line', async () => {
    const { readReports } = await import('../../src/services/ingest.js');
    const { parseConfig } = await import('../../src/config/load.js');
    const { statSync } = await import('node:fs');
    const files = [generated, fixturePath('eslint.json')];
    const sizes = files.map((f) => statSync(f).size);
    const ticks: [number, number][] = [];
    const config = { ...parseConfig('').config.ingest, streamThresholdMB: 0.01 };
    await readReports(files, { tool: 'auto', root: FIXTURE_ROOT, config, onProgress: (done, total) => ticks.push([done, total]) }, sizes);
    expect(ticks.length).toBeGreaterThan(2);
    expect(ticks.at(-1)).toEqual([sizes[0]! + sizes[1]!, sizes[0]! + sizes[1]!]);
    expect(ticks.every(([done], i) => i === 0 || done >= ticks[i - 1]![0])).toBe(true);
  });
});
