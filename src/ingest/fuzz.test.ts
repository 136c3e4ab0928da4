// Mutated real reports: whatever the damage, the parsers answer with a result or a
// PunchlistError (bad input, one line), never anything else.
import { describe, expect, it } from 'vitest';
import { fixture, FIXTURE_ROOT } from '../../test/ingest/fixtures.js';
import { isPunchlistError } from '../domain/errors.js';
import { parseReport } from './parse.js';
import { parseSarifStream } from './parsers/sarif-stream.js';

const NAMES = [
  'eslint.json', 'eslint.sarif', 'tsc-plain.txt', 'tsc-pretty.txt', 'vitest-junit.xml', 'jest-junit.xml', 'mocha-xunit.xml',
  'pytest-junit.xml', 'surefire-junit.xml', 'coverage-summary.json', 'coverage-final.json', 'lcov.info', 'npm-audit.json',
];

/** A small deterministic PRNG, so a failure names a seed that reproduces it. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const JUNK = ['', '"', '{', '}', '[', ']', ',', ':', '<', '>', '/>', 'null', '-1', '1e309', '"x"', '\u0000', '\n', 'ü', '<testcase>', '"runs"', '&amp;', '</'];

function mutate(text: string, next: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(next() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(next() * out.length);
    const len = Math.floor(next() * 20);
    switch (Math.floor(next() * 4)) {
      case 0: out = out.slice(0, at); break; // truncate
      case 1: out = out.slice(0, at) + out.slice(at + len); break; // delete
      case 2: out = out.slice(0, at) + (JUNK[Math.floor(next() * JUNK.length)] ?? '') + out.slice(at); break; // insert
      default: out = out.slice(0, at) + out.slice(at + len, at + 2 * len) + out.slice(at, at + len) + out.slice(at + 2 * len); // swap
    }
  }
  return out;
}

async function* once(text: string): AsyncGenerator<string> {
  yield text;
}

describe('fuzz: mutated real reports', () => {
  it.each(NAMES)('%s: 300 mutations, no crash but bad input', async (name) => {
    const original = fixture(name);
    const next = random(name.length * 7919);
    for (let i = 0; i < 300; i++) {
      const text = mutate(original, next);
      for (const tool of ['auto', name.includes('sarif') ? 'sarif' : 'auto'] as const) {
        try {
          parseReport(text, tool, { root: FIXTURE_ROOT }, name);
        } catch (error) {
          if (!isPunchlistError(error)) throw new Error(`${name} mutation ${i}: ${String(error)}\n${text.slice(0, 300)}`);
          expect(error.message.split('\n')).toHaveLength(1);
        }
      }
      if (name.endsWith('.sarif')) {
        await parseSarifStream(once(text), { root: FIXTURE_ROOT }).catch((error: unknown) => {
          if (!isPunchlistError(error)) throw new Error(`${name} stream mutation ${i}: ${String(error)}`);
        });
      }
    }
  });
});
