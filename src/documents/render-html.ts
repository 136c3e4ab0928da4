// HTML reports: the Markdown report parsed back with the same GFM parser and written as one
// self-contained, printable page (inline CSS, no scripts, no network). Every text is escaped.
import type { Nodes, PhrasingContent, RootContent, TableRow } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';

const CSS = `
:root { color-scheme: light; }
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; max-width: 1100px; margin: 2rem auto; padding: 0 1.5rem; }
h1 { font-size: 1.8rem; border-bottom: 2px solid #d0d7de; padding-bottom: .3rem; }
h2 { font-size: 1.35rem; margin-top: 2rem; border-bottom: 1px solid #d0d7de; padding-bottom: .2rem; }
h3 { font-size: 1.1rem; margin-top: 1.4rem; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: 13px; }
th, td { border: 1px solid #d0d7de; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
tr:nth-child(even) td { background: #fbfcfd; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f6f8fa; padding: .1rem .3rem; border-radius: 4px; }
pre { background: #f6f8fa; padding: .8rem; border-radius: 6px; overflow-x: auto; }
pre code { padding: 0; background: none; }
ul.tasks { list-style: none; padding-left: 1rem; }
hr { border: 0; border-top: 1px solid #d0d7de; margin: 2rem 0; }
footer { color: #656d76; font-size: 12px; margin-top: 3rem; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } tr, pre { break-inside: avoid; } a { color: inherit; } }
`;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function markdownToHtmlPage(markdown: string, title: string, footer: string): string {
  const tree = fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const body = tree.children.map(block).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
${body}
<footer>${escapeHtml(footer)}</footer>
</body>
</html>
`;
}

function block(node: RootContent): string {
  switch (node.type) {
    case 'heading':
      return `<h${node.depth}>${inline(node.children)}</h${node.depth}>`;
    case 'paragraph':
      return `<p>${inline(node.children)}</p>`;
    case 'thematicBreak':
      return '<hr>';
    case 'code':
      return `<pre><code${node.lang ? ` data-lang="${escapeHtml(node.lang)}"` : ''}>${escapeHtml(node.value)}</code></pre>`;
    case 'blockquote':
      return `<blockquote>${node.children.map(block).join('\n')}</blockquote>`;
    case 'list': {
      const tag = node.ordered ? 'ol' : 'ul';
      const tasks = node.children.some((i) => i.checked !== null && i.checked !== undefined);
      const start = node.ordered && node.start !== null && node.start !== undefined && node.start !== 1 ? ` start="${node.start}"` : '';
      const items = node.children.map((item) => {
        const box = item.checked === true ? '☑ ' : item.checked === false ? '☐ ' : '';
        const inner = item.children.map((c) => (c.type === 'paragraph' ? inline(c.children) : block(c))).join('\n');
        return `<li>${box}${inner}</li>`;
      });
      return `<${tag}${start}${tasks ? ' class="tasks"' : ''}>\n${items.join('\n')}\n</${tag}>`;
    }
    case 'table': {
      const [head, ...rows] = node.children;
      return `<table>\n<thead>${head ? row(head, 'th') : ''}</thead>\n<tbody>\n${rows.map((r) => row(r, 'td')).join('\n')}\n</tbody>\n</table>`;
    }
    case 'html':
      // Raw HTML from a document is shown as text: a report must never run what an import carried.
      return `<pre>${escapeHtml(node.value)}</pre>`;
    default:
      return `<p>${escapeHtml(plain(node))}</p>`;
  }
}

const row = (r: TableRow, tag: 'th' | 'td'): string => `<tr>${r.children.map((c) => `<${tag}>${inline(c.children)}</${tag}>`).join('')}</tr>`;

// Table cells that parse to their own text: no character that starts inline syntax (escapes,
// entities, code, emphasis, strike, links, HTML, pipes), no e-mail, URL or www. autolink, no
// line break, nothing a cell would trim. Their HTML is the escaped text.
const PLAIN_CELL = /^(?:[^\\`*_~[\]!<|&@\s\p{Cc}](?:[^\\`*_~[\]!<|&@\p{Cc}]*[^\\`*_~[\]!<|&@\s\p{Cc}])?)?$/u;
const AUTOLINK_START = /:\/\/|www\./i;
// A cell of code spans separated by ", " (a list of file names), none with spaces at its ends.
const CODE_LIST_CELL = /^`[^`|\\\s\p{Cc}](?:[^`|\\\p{Cc}]*[^`|\\\s\p{Cc}])?`(?:, `[^`|\\\s\p{Cc}](?:[^`|\\\p{Cc}]*[^`|\\\s\p{Cc}])?`)*$/u;

/**
 * Table body rows written by the report (cells in Markdown) as HTML, exactly as the page's parser
 * would write them: a plain cell or a list of code spans directly, any other row parsed alone.
 */
export function tableRowsHtml(rows: readonly (readonly string[])[]): string {
  const out = new Array<string>(rows.length);
  for (let r = 0; r < rows.length; r++) out[r] = rowHtml(rows[r]!);
  return out.join('\n');
}

function rowHtml(cells: readonly string[]): string {
  let html = '<tr>';
  for (const cell of cells) {
    const direct = cellHtml(cell);
    if (direct === null) return parsedRowHtml(cells);
    html += `<td>${direct}</td>`;
  }
  return `${html}</tr>`;
}

function cellHtml(cell: string): string | null {
  if (PLAIN_CELL.test(cell) && !AUTOLINK_START.test(cell)) return escapeHtml(cell);
  if (CODE_LIST_CELL.test(cell)) return cell.replace(/`([^`]*)`/g, (_, code: string) => `<code>${escapeHtml(code)}</code>`);
  return null;
}

function parsedRowHtml(cells: readonly string[]): string {
  const tree = fromMarkdown(`| h |\n| - |\n| ${cells.join(' | ')} |`, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const table = tree.children[0];
  const body = table?.type === 'table' ? table.children[1] : undefined;
  return body ? row(body, 'td') : '';
}

function inline(nodes: PhrasingContent[]): string {
  return nodes
    .map((node): string => {
      switch (node.type) {
        case 'text':
          return escapeHtml(node.value);
        case 'strong':
          return `<strong>${inline(node.children)}</strong>`;
        case 'emphasis':
          return `<em>${inline(node.children)}</em>`;
        case 'delete':
          return `<del>${inline(node.children)}</del>`;
        case 'inlineCode':
          return `<code>${escapeHtml(node.value)}</code>`;
        case 'break':
          return '<br>';
        case 'link':
          return safeUrl(node.url) ? `<a href="${escapeHtml(node.url)}">${inline(node.children)}</a>` : inline(node.children);
        default:
          return escapeHtml(plain(node));
      }
    })
    .join('')
    .replace(/\n/g, '<br>\n');
}

const safeUrl = (url: string): boolean => /^(https?:|mailto:|#)/i.test(url);

function plain(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(plain).join('');
  return '';
}
