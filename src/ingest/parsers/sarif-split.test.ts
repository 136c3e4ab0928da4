// The splitter's own edges: chunk boundaries anywhere (inside strings, escapes, keys, numbers),
// every JSON the whole-document reader accepts, and every skeleton error it refuses.
import { describe, expect, it } from 'vitest';
import { generateSarif } from '../../../bench/ingest-generate.js';
import { parseReport } from '../parse.js';
import { parseSarifStream } from './sarif-stream.js';

const options = { root: '/repo' };

async function* chunks(text: string, size: number): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const tricky = `\uFEFF  {
  "version" : "2.1.0", "extra": [1, {"a": "}]\\"{["}, -2.5e3, true, null, "\\\\"],
  "runs" : [ {
    "results" : [
      { "ruleId" : "r\\"1", "message" : { "text" : "ends in a backslash \\\\" }, "level": "error" } ,
      {"ruleId":"r2","message":{"text":"quote \\" and brace } and bracket ] and 😀 and é \\u00e9"}},
      {"ruleId":"r3","message":{"text":"\\\\\\\\"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"a b.js"},"region":{"startLine":10,"startColumn":2}}}]}
    ] ,
    "tool" : { "driver" : { "name" : "Tricky \\"tool\\"" } },
    "invocations": [{"executionSuccessful": true}]
  }, {"tool":{"driver":{"name":"second"}},"results":null}, {"tool":{"driver":{"name":"third"}},"results":[]} ]
}
`;

describe('SARIF splitter', () => {
  it.each([
    ['hand-made edge cases', tricky],
    ['2,000 generated results', generateSarif({ results: 2_000 })],
  ])('%s: the same findings as the whole-document reader, at every chunk size', async (_name, text) => {
    const whole = parseReport(text, 'sarif', options);
    for (const size of [1, 2, 3, 5, 13, 64, 4096, 1 << 20]) {
      if (size < 13 && text.length > 50_000) continue;
      expect(await parseSarifStream(chunks(text, size), options)).toEqual(whole);
    }
  });

  it.each([
    ['empty', '', /the file is empty/],
    ['only whitespace', '  \n', /the file is empty/],
    ['not an object', '[1]', /"runs" array/],
    ['runs not an array', '{"runs": {}}', /"runs" array/],
    ['runs a string', '{"runs": "x"}', /"runs" array/],
    ['a run not an object', '{"runs": [1]}', /runs\[0\]: expected an object/],
    ['results not an array', '{"runs": [{"tool":{"driver":{"name":"x"}},"results": 3}]}', /runs\[0\]\.results: expected an array/],
    ['trailing comma in results', '{"runs": [{"tool":{"driver":{"name":"x"}},"results": [{"message":{"text":"a"}},]}]}', /not valid JSON/],
    ['trailing comma in the top object', '{"runs": [],}', /not valid JSON/],
    ['a missing colon', '{"runs" []}', /not valid JSON/],
    ['a missing comma', '{"version":"2.1.0" "runs": []}', /not valid JSON/],
    ['a bad leaf', '{"version": tru, "runs": []}', /not valid JSON/],
    ['a bad result', '{"runs": [{"tool":{"driver":{"name":"x"}},"results": [{"message":{"text":"a"}}}]}]}', /not valid JSON/],
    ['data after the end', '{"runs": []} {}', /not valid JSON/],
    ['truncated in a string', '{"runs": [{"tool":{"driver":{"name":"x', /not valid JSON/],
    ['truncated after a result', '{"runs": [{"tool":{"driver":{"name":"x"}},"results": [{"message":{"text":"a"}}', /not valid JSON/],
    ['no runs', '{"version":"2.1.0"}', /"runs" array/],
  ])('refuses %s with one line of bad input', async (_name, text, message) => {
    for (const size of [1, 7, 1 << 20]) {
      const error = await parseSarifStream(chunks(text, size), options).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: 'bad_input', message: expect.stringMatching(message) });
      expect(String((error as Error).message).split('\n')).toHaveLength(1);
    }
  });
});
