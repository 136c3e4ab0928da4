// The fast lane for long tables gives exactly the tree, and so exactly the import, the parser gives.
import { readdirSync, readFileSync } from 'node:fs';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { describe, expect, it } from 'vitest';
import { seededRng } from '../rules/forecast.js';
import { firstRow, parseWithLane, tableRows, tableRowStarts } from './markdown-parse.js';
import type { Table } from 'mdast';
import { parseAuditMarkdown } from './parse-audit-markdown.js';

const plain = (text: string) => fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
let laneRows = 0;
const fast = (text: string) => {
  const { tree, fastRows } = parseWithLane(text, 1);
  laneRows += fastRows;
  return tree;
};
/** Rows that took the lane since the last call. */
const lane = () => {
  const n = laneRows;
  laneRows = 0;
  return n;
};

const documents = [
  ...readdirSync(new URL('../../test/fixtures/documents/', import.meta.url))
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .map((f) => readFileSync(new URL(`../../test/fixtures/documents/${f}`, import.meta.url), 'utf8')),
  ...['audit.md', 'roadmap.md'].map((f) => readFileSync(new URL(`../../examples/${f}`, import.meta.url), 'utf8')),
].map((t) => t.replace(/\r\n?/g, '\n'));

const HEAD = '| ID | Issue | File | Status |\n|----|:------|------|-------:|\n';

describe('parseMarkdown: the fast lane for table rows', () => {
  it('gives the plain tree for every fixture and example, every table taking the lane', () => {
    lane();
    for (const text of documents) expect(fast(text)).toEqual(plain(text));
    expect(lane()).toBeGreaterThan(40);
  });

  it('builds plain rows exactly: code spans, empty and missing cells, extra cells, emoji, padding', () => {
    const rows = [
      '| X1 | Something is wrong | `src/a.ts` | 🔄 IN PROGRESS |',
      '| X2 |   padded   |  `a.ts`, `b.ts`  | ✅ |',
      '| X3 | | | |',
      '||',
      '| X4 | fewer |',
      '| X5 | more | cells | than | the | header |',
      '|X6|tight|`c`|📋|',
      '| X7 | text `code` text | `a b` | - |',
      '| X8 | ---- | :--: | |',
    ];
    const text = `# T\n\n${HEAD}${rows.join('\n')}\n| last | row | x | y |\n\nAfter.\n`;
    const tree = fast(text);
    expect(tree).toEqual(plain(text));
    expect(tree.children[1]).toMatchObject({ type: 'table' });
    expect(lane()).toBe(rows.length);
  });

  it('leaves everything else to the parser and still agrees', () => {
    const rows = [
      '| Y1 | **bold** | x | y |',
      '| Y2 | a [link](http://x) | x | y |',
      '| Y3 | www.example.com | x | y |',
      '| Y4 | mail a@b.co | x | y |',
      '| Y5 | a<br>b | x | y |',
      '| Y6 | esc \\| pipe | x | y |',
      '| Y7 | tab\there | x | y |',
      '| Y8 | &amp; | `` a ` b `` | y |',
      '| Y9 | odd ` tick | x | y |',
      '| Y10 | ` spaced ` | x | y |',
      '| Y11 | trailing | x | y |  ',
      '| Y12 | no closing pipe | x | y',
      '| Y13 | ~~gone~~ | x | y |',
    ];
    const lanes: number[] = [];
    const plainRow = (i: number) => `| P${i} | plain ${i} | \`f${i}.ts\` | open |`;
    const body = rows.flatMap((r, i) => [plainRow(i), r]).join('\n');
    for (const text of [
      `${HEAD}${body}\n${plainRow(99)}`,
      `${HEAD}${body}\n${plainRow(99)}\nlazy line`,
      `## H\n${HEAD}${body}\n${plainRow(99)}\n\n${HEAD}${body}\n| end |`,
      `para\n${HEAD}${body}\n${plainRow(99)}\n`,
      `\`\`\`\n${HEAD}${body}\n${plainRow(99)}\n\`\`\`\n`,
      `- item\n\n  ${HEAD}${body}\n${plainRow(99)}\n`,
      `<!--\n\n${HEAD}${body}\n${plainRow(99)}\n-->\n`,
      `> ${HEAD}${body}\n${plainRow(99)}\n`,
      `[f]: http://x\n\n${HEAD}${body}\n${plainRow(99)}\n`,
    ]) {
      lane();
      expect(fast(text)).toEqual(plain(text));
      lanes.push(lane());
    }
    // Plain rows take the lane in top-level tables only; the rest are left to the parser.
    expect(lanes).toEqual([13, 13, 26, 0, 0, 0, 0, 0, 13]);
  });

  it('builds a long table\'s rows as they are read, and all of them for whoever reads `children`', () => {
    const rows = Array.from({ length: 60 }, (_, i) => (i % 7 === 3 ? `| R${i} | **bold** ${i} | x | y |` : `| R${i} | plain ${i} | \`f${i}.ts\` | open |`));
    const text = `# T\n\n${HEAD}${rows.join('\n')}\n\nAfter.\n`;
    const want = plain(text).children[1] as Table;
    const table = parseWithLane(text, 1).tree.children[1] as Table;
    // Read row by row (the importer's way): the parser's rows, and `children` still not built.
    expect(firstRow(table)).toEqual(want.children[0]);
    expect(tableRowStarts(table)).toEqual(want.children.map((r) => r.position!.start.offset));
    expect([...tableRows(table)]).toEqual(want.children);
    expect(Object.getOwnPropertyDescriptor(table, 'children')?.get).toBeDefined();
    // Read as a node: every row, built once and then a plain array.
    expect(table.children).toEqual(want.children);
    expect(Object.getOwnPropertyDescriptor(table, 'children')?.get).toBeUndefined();
    expect(table.children).toBe(table.children);
    expect([...tableRows(table)]).toEqual(want.children);
  });

  it('agrees on random rows (seeded)', () => {
    const random = seededRng(9150);
    const bits = ['a', 'B', ' ', '  ', '`', '`x`', '|', '-', ':', '*', '_', '[', ']', '<', '>', '&', '@', '\\', '\t', '🔴', 'é', 'www.', 'http://', '#', '!', '~'];
    for (let round = 0; round < 40; round++) {
      const lines: string[] = [];
      for (let r = 0; r < 30; r++) {
        let line = '|';
        const cells = 1 + Math.floor(random() * 5);
        for (let c = 0; c < cells; c++) {
          const n = Math.floor(random() * 6);
          for (let k = 0; k < n; k++) line += bits[Math.floor(random() * bits.length)];
          line += '|';
        }
        lines.push(line);
      }
      const text = `# R\n\n${HEAD}${lines.join('\n')}\n| end |\n\ntext after\n`;
      expect(fast(text)).toEqual(plain(text));
    }
    expect(lane()).toBeGreaterThan(100);
  });

  it('imports a long register exactly as the plain way does', () => {
    const statuses = ['🔄 IN PROGRESS', '✅ RESOLVED', '📋 PLANNED', '⛔ BLOCKED'];
    const lines = ['# BIG AUDIT - REGISTER', '**Owner**: Bench', ''];
    for (const tier of ['🔴 CRITICAL', '🟠 MAJOR', '🟡 MEDIUM']) {
      lines.push(`## ${tier}`, '', '| ID | Issue | File | Status | Owner | ETA |', '|----|-------|------|--------|-------|-----|');
      for (let i = 0; i < 700; i++) {
        const title = i % 50 === 7 ? `**Bold** title ${i}` : `Module ${i} fails when the input is large`;
        lines.push(`| ${tier.slice(3, 5)}${i} | ${title} | \`src/m${i}.ts\` | ${statuses[i % 4]} | Team ${i % 9} | ${(i % 8) + 1}hrs |`);
      }
      lines.push('', '- [ ] A task after the table', '');
    }
    const text = lines.join('\n');
    const sliced = parseAuditMarkdown(text);
    const whole = parseAuditMarkdown(text, { fastRowsMin: Infinity });
    expect(sliced.document.issues).toHaveLength(2_100);
    expect(sliced).toEqual(whole);
  });
});
