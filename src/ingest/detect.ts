// Which format a report is, from its content alone (file names lie: "report.json" could be
// anything). JSON formats are told apart by their top-level keys, text formats by a line shape.
import { badInput } from '../domain/errors.js';
import { looksLikeLcov } from './parsers/coverage.js';
import { looksLikeJunit } from './parsers/junit.js';
import { looksLikeTsc } from './parsers/tsc.js';
import type { Format } from './types.js';

/** Guesses from the first bytes (enough to decide whether to stream a big file). */
export function sniffFormat(head: string): Format | null {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('<')) return looksLikeJunit(text) ? 'junit' : null;
  if (text.startsWith('{')) {
    if (/"runs"\s*:/.test(text) || /sarif/i.test(text.slice(0, 500))) return 'sarif';
    if (/"auditReportVersion"\s*:/.test(text)) return 'npm-audit';
    if (/"statementMap"\s*:/.test(text) || /"total"\s*:\s*\{\s*"lines"/.test(text)) return 'coverage';
    return null;
  }
  if (text.startsWith('[')) return /"filePath"\s*:/.test(text) || /^\[\s*\]$/.test(text) ? 'eslint' : null;
  if (looksLikeLcov(text)) return 'coverage';
  if (looksLikeTsc(text)) return 'tsc';
  return null;
}

export function detectFormat(head: string, name: string): Format {
  const format = sniffFormat(head);
  if (format === null) {
    if (head.trim() === '') {
      // tsc prints nothing when it finds nothing: only the user can say that is what this is.
      throw badInput(`${name}: the file is empty, so it cannot tell which tool wrote it; if it is a clean tsc run, name it tsc:${name}`);
    }
    throw badInput(`${name}: cannot tell which tool wrote this; name the tool: --tool sarif|eslint|tsc|junit|coverage|npm-audit, or TOOL:${name}`);
  }
  return format;
}
