import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('../fixtures/ingest/', import.meta.url));
/** Where the fixtures were produced: their absolute paths are relative to it. */
export const FIXTURE_ROOT = '/tmp/fixture-work';
export const fixture = (name: string): string => readFileSync(`${FIXTURES}${name}`, 'utf8');
export const fixturePath = (name: string): string => `${FIXTURES}${name}`;
