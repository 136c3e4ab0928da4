import { describe, expect, it } from 'vitest';
import { fixture } from '../../../test/ingest/fixtures.js';
import { isWellFormedResult } from './sarif-fast.js';
import { sarifResultSchema } from './sarif-model.js';

const real = (JSON.parse(fixture('eslint.sarif')) as { runs: { results: unknown[] }[] }).runs[0]?.results ?? [];

describe('isWellFormedResult never accepts what the zod schema refuses', () => {
  const variants: unknown[] = [
    ...real,
    { message: { text: 'x' } },
    { message: {} },
    { message: { text: 1 } },
    { message: { text: 'x' }, ruleIndex: 1.5 },
    { message: { text: 'x' }, locations: [{ physicalLocation: { region: { startLine: '3' } } }] },
    { message: { text: 'x' }, locations: {} },
    { message: { text: 'x' }, partialFingerprints: { a: 1 } },
    { message: { text: 'x' }, suppressions: [{ status: 3 }] },
    { message: { text: 'x', arguments: [1] } },
    { message: { text: 'x' }, rule: { index: 'a' } },
    { message: { text: 'x' }, properties: [] },
    null,
    [],
  ];
  it.each(variants.map((v) => [JSON.stringify(v).slice(0, 80), v]))('%s', (_name, value) => {
    if (isWellFormedResult(value)) expect(sarifResultSchema.safeParse(value).success).toBe(true);
  });
  it('accepts the real results (the fast path is the common path)', () => {
    expect(real.every(isWellFormedResult)).toBe(true);
  });
});
