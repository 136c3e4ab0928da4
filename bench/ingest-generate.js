// Realistic generated SARIF for the ingest bench and the statement-count test: ~150 rules with a
// skewed frequency (a few rules produce most results, as in real code bases), ~5,000 files in
// ~500 directories, real-looking messages, SARIF partialFingerprints, and rule metadata.
// Written as chunks, so 200,000 results (~150 MB) never sit in memory as one string.
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';

const WORDS = ['user', 'order', 'invoice', 'session', 'token', 'cache', 'queue', 'handler', 'payload', 'config', 'client', 'result'];

/** A tiny deterministic PRNG: the same size always yields the same file. */
function random(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function* sarifChunks({ results, rules = 150, files = 5000, seed = 1 }) {
  const next = random(seed);
  const ruleIds = Array.from({ length: rules }, (_, i) => `rule-${String(i).padStart(3, '0')}/${WORDS[i % WORDS.length]}-check`);
  const ruleMeta = ruleIds.map((id, i) => ({
    id,
    shortDescription: { text: `Checks ${WORDS[i % WORDS.length]} handling (${id})` },
    defaultConfiguration: { level: i % 7 === 0 ? 'error' : i % 3 === 0 ? 'note' : 'warning' },
    properties: i % 25 === 0 ? { 'security-severity': String(5 + (i % 5)), tags: ['security'] } : { tags: ['maintainability'] },
  }));
  yield `{"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0","runs":[{"tool":{"driver":{"name":"BenchLint","version":"1.0.0","rules":${JSON.stringify(ruleMeta)}}},"results":[`;
  let out = '';
  for (let i = 0; i < results; i++) {
    // Zipf-like: rule r is picked with weight ~1/(r+1).
    const rule = Math.min(rules - 1, Math.floor(Math.exp(next() * Math.log(rules + 1)) - 1));
    const file = Math.floor(next() * files);
    const dir = `src/module-${Math.floor(file / 10)}`;
    const word = WORDS[Math.floor(next() * WORDS.length)];
    const result = {
      ruleId: ruleIds[rule],
      ruleIndex: rule,
      level: ruleMeta[rule].defaultConfiguration.level,
      message: { text: `'${word}${i % 97}' in ${dir}/file-${file}.ts may be ${rule % 2 ? 'undefined' : 'unused'} here; consider checking the ${word} before use.` },
      locations: [{ physicalLocation: { artifactLocation: { uri: `${dir}/file-${file}.ts`, uriBaseId: '%SRCROOT%' }, region: { startLine: 1 + Math.floor(next() * 900), startColumn: 1 + Math.floor(next() * 80), endLine: 1 + Math.floor(next() * 900) } } }],
      partialFingerprints: { primaryLocationLineHash: `${(i * 2654435761 >>> 0).toString(16).padStart(8, '0')}${(i % 65536).toString(16)}:1` },
    };
    out += (i === 0 ? '' : ',') + JSON.stringify(result);
    if (out.length > 1 << 20) {
      yield out;
      out = '';
    }
  }
  yield `${out}]}]}`;
}

export const generateSarif = (options) => [...sarifChunks(options)].join('');

/** Streams the generated SARIF to `path` (back-pressure respected), for the benches. */
export const writeSarif = (path, options) => pipeline(sarifChunks(options), createWriteStream(path));
