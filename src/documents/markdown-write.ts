// Writing Markdown that reads back to the same text: escaping, code spans and fences, table cells.

// Characters that could start or change inline syntax. An `_` inside a word and an `&` that
// spells no entity are inert, and left alone so keys like ci_success_rate stay readable.
const INLINE_SPECIAL = /[\\`*[\]<|~]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])|&(?=#?[A-Za-z0-9]+;)/gu;
const NEEDS_ESCAPE = /[\\`*_[\]<|~&\n]|#\s*$/;

/** Text inside a line: after a label, in a table cell, in a heading. */
export function esc(text: string): string {
  // Most titles need nothing: skip the rewrites (100,000-row reports spend their time here).
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text
    .replace(/\s*\n\s*/g, ' ')
    .replace(INLINE_SPECIAL, (c) => `\\${c}`)
    .replace(/(\s)#+\s*$/, (m) => m.replace(/#/g, '\\#'));
}

/** Text that starts a list item or a paragraph, where `- `, `1. ` or `# ` would start a block. */
export function escStart(text: string): string {
  return esc(text)
    .replace(/^(\s*)(#{1,6}|[+-]|\d{1,9}[.)])(?=\s|$)/, (_, space: string, mark: string) => `${space}${mark.slice(0, -1)}\\${mark.slice(-1)}`)
    .replace(/^(\s*)>/, '$1\\>');
}

export function cell(text: string | null | undefined): string {
  return text === null || text === undefined || text === '' ? '-' : esc(text);
}

export function code(text: string, inTable = false): string {
  if (!/[`|]/.test(text) && text.trim() === text && text !== '') return `\`${text}\``;
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = /^`|`$|^ .* $/.test(text) || text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  const body = inTable ? text.replace(/\|/g, '\\|') : text;
  return `${fence}${pad}${body}${pad}${fence}`;
}

export function fenced(snippet: string, lang: string | null): string {
  const longest = Math.max(2, ...[...snippet.matchAll(/^\s*(`{3,})/gm)].map((m) => m[1]!.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang ?? ''}\n${snippet}\n${fence}`;
}

export function table(headers: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const out = [line(headers), line(headers.map(() => '---'))];
  for (const row of rows) out.push(line(row));
  return out.join('\n');
}
