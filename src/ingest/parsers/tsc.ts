// TypeScript compiler diagnostics as printed: `file(line,col): error TS2322: msg` with
// `--pretty false`, and `file:line:col - error TS2322: msg` with a code frame when pretty.
// Indented lines right after a diagnostic continue its message (a chain of explanations).
import { badInput } from '../../domain/errors.js';
import { normalizePath } from '../paths.js';
import type { ParseOptions, ParseResult, RawFinding } from '../types.js';

// Pretty output keeps its colours when redirected to a file: the escape character is the point.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;
const PLAIN = /^(.+?)\((\d+),(\d+)\): (error|warning|message) (TS\d+): (.*)$/;
const PRETTY = /^(.+?):(\d+):(\d+) - (error|warning|message) (TS\d+): (.*)$/;
const GLOBAL = /^(error|warning|message) (TS\d+): (.*)$/;

export const looksLikeTsc = (text: string): boolean =>
  text.split('\n', 200).some((line) => {
    const clean = line.replace(ANSI, '');
    return PLAIN.test(clean) || PRETTY.test(clean) || GLOBAL.test(clean);
  });

export function parseTsc(text: string, options: ParseOptions): ParseResult[] {
  const findings: RawFinding[] = [];
  let current: RawFinding | null = null;
  let pretty = false;
  let inFrame = false;
  let lineNo = 0;
  for (const raw of text.split(/\r?\n/)) {
    lineNo += 1;
    const line = raw.replace(ANSI, '');
    const head = PLAIN.exec(line) ?? PRETTY.exec(line);
    if (head !== null) {
      const [, file, row, col, level, code, message] = head as unknown as string[];
      pretty = !PLAIN.test(line);
      current = {
        rule: code ?? null,
        level: level ?? 'error',
        message: message ?? '',
        file: normalizePath(file ?? '', options.root),
        line: Number(row),
        col: Number(col),
      };
      findings.push(current);
      inFrame = false;
      continue;
    }
    const global = GLOBAL.exec(line);
    if (global !== null) {
      current = { rule: global[2] ?? null, level: global[1] ?? 'error', message: global[3] ?? '', file: null, line: null, col: null };
      findings.push(current);
      inFrame = false;
      continue;
    }
    if (line.trim() === '') {
      // In the pretty form a blank line ends the message; the code frame follows.
      if (pretty) inFrame = true;
      continue;
    }
    if (current !== null && !inFrame && /^\s{2,}\S/.test(line)) {
      current.message += `\n${line.trim()}`;
      continue;
    }
    if (/^Found \d+ errors?/.test(line) || /^Errors\s+Files/.test(line) || inFrame || /^\s+\d+\s+\S/.test(line)) continue;
    if (current === null && lineNo <= 3) {
      throw badInput(`tsc output, line ${lineNo}: expected "file(line,col): error TSnnnn: message"`);
    }
  }
  return [{ format: 'tsc', tool: 'tsc', findings }];
}
