// The HTML report of an author's document writes the rows the report adds straight to HTML,
// instead of parsing a 100,000-row Markdown table back (that took minutes and gigabytes). This
// proves the shortcut changes no byte: the page equals the page parsed from the whole Markdown,
// for rows full of Markdown and autolink syntax, on several authors' table styles.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { IssueDoc } from '../../src/domain/document.js';
import { SEVERITIES, STATUSES } from '../../src/domain/enums.js';
import { parseAuditMarkdown } from '../../src/documents/parse-audit-markdown.js';
import { markdownToHtmlPage, tableRowsHtml } from '../../src/documents/render-html.js';
import { buildReportModel } from '../../src/documents/report-model.js';
import { renderReport } from '../../src/documents/render-report.js';
import { renderSkeleton } from '../../src/documents/skeleton-render.js';

const NOW = '2026-03-02T09:00:00.000Z';

// Text that is Markdown or GFM syntax somewhere, and text that only looks close to it.
const TRICKY = [
  'Plain title: with a colon', 'see www.example.com now', 'mail ops@example.com', 'https://x.test/a?b=1', 'HTTP://LOUD.TEST',
  'a *star* and _under_', '`code` in title', 'pipe | inside', 'back\\slash', 'amp & ent &amp; &#35;', '<b>html</b>', '~~gone~~',
  '[link](http://x.test)', '![img](x.png)', '  leading and trailing  ', 'ends with #', 'tab\there', 'line\nbreak', 'ünïcödé ✅ 🔥',
  'quote "double" \'single\'', '> not a quote', '- not a list', '1. not a list', '', 'x', 'a>b<c', 'ftp://old.test', 'www', 'mailto:x',
];

function issue(i: number): IssueDoc {
  const t = TRICKY[i % TRICKY.length]!;
  return {
    key: `NEW-${i}`, title: t === '' ? `Issue ${i}` : t, severity: SEVERITIES[i % 4]!, status: STATUSES[i % STATUSES.length]!,
    owner: i % 3 === 0 ? null : TRICKY[(i + 5) % TRICKY.length]! || null, estimateMinutes: i % 5 === 0 ? null : (i % 9) * 30,
    dueDate: i % 7 === 0 ? '2026-04-01' : null,
    files: i % 4 === 0 ? [] : i % 4 === 1 ? [`src/m${i}.ts`] : i % 4 === 2 ? ['a b.ts', 'c|d.ts', ' pad.ts'] : ['x`y.ts', 'src/ok.ts'],
    phase: null, labels: i % 6 === 0 ? ['sync', TRICKY[i % TRICKY.length]!] : [], links: i % 8 === 0 ? ['https://x.test/1'] : [],
    source: 'manual', description: i % 2 === 0 ? TRICKY[(i + 11) % TRICKY.length]! || null : null,
    extra: i % 10 === 0 ? { Notes: TRICKY[(i + 3) % TRICKY.length]! } : {}, createdAt: null, startedAt: null, resolvedAt: null, comments: [],
  };
}

describe('HTML report rows written directly', () => {
  it.each(['audit.md', 'jira-table.md', 'pentest-findings.md', 'eng-audit-register.md', 'table-heavy-odd-columns.md'])(
    'the page of %s with 300 added issues equals the page parsed from its whole Markdown',
    (name) => {
      const text = readFileSync(new URL(`../fixtures/documents/${name}`, import.meta.url), 'utf8');
      const document = parseAuditMarkdown(text, { projectKey: 'TW' }).document;
      expect(document.source).toBeDefined();
      const model = buildReportModel({ ...document, issues: [...document.issues, ...Array.from({ length: 300 }, (_, i) => issue(i))] }, {}, {}, NOW);
      for (const kind of ['audit', 'roadmap'] as const) {
        const page = renderReport(kind, model, 'html');
        const p = model.document.project;
        const whole = markdownToHtmlPage(renderSkeleton(model, document.source!, kind), `${p.title ?? p.name} — ${kind}`, `punchlist ${kind} report · ${p.key} · generated ${NOW}`);
        expect(page).toBe(whole);
        // ... and the rows did take the direct way: every table's marker came out as a row.
        const newRows = new Map<number, string[][]>();
        const marked = markdownToHtmlPage(renderSkeleton(model, document.source!, kind, { newRows }), 't', 'f');
        expect(newRows.size).toBeGreaterThan(0);
        expect(marked.match(/<tr><td>@@punchlist-rows-\d+@@<\/td><\/tr>/g)).toHaveLength(newRows.size);
      }
    },
  );

  it('each cell, alone in a row, is written as the parser writes it', () => {
    for (const cell of [...TRICKY.map((t) => t.replace(/\n/g, ' ')), '`src/a.ts`', '`a.ts`, `b.ts`', '` pad `', '`a\\|b`', '-', '📋 Backlog', '**Major**']) {
      const parsed = markdownToHtmlPage(`| h |\n| - |\n| ${cell} |`, 't', 'f');
      const row = /<tbody>\n(.*)\n<\/tbody>/.exec(parsed)?.[1];
      expect(tableRowsHtml([[cell]]), cell).toBe(row);
    }
  });
});
