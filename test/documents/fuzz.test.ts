// Mutated and random Markdown never crashes the importer: it returns a valid document or refuses
// with a PunchlistError (a user's mistake), never anything else.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { projectDocumentSchema } from '../../src/domain/document.js';
import { PunchlistError } from '../../src/domain/errors.js';
import { parseAuditMarkdown } from '../../src/documents/parse-audit-markdown.js';
import { buildReportModel } from '../../src/documents/report-model.js';
import { renderReport } from '../../src/documents/render-report.js';
import { seededRng } from '../../src/rules/forecast.js';

const fixtures = ['audit.md', 'roadmap.md', 'weekly-plan.md', 'crlf-high-low.md'].map((f) =>
  readFileSync(new URL(`../fixtures/documents/${f}`, import.meta.url), 'utf8'),
);

// The rules module's seeded generator: failures reproduce from the seed in the test name.
const rng = seededRng;

const TOKENS = [
  '#', '## ', '### Phase 1: x (ACTIVE)', '#### 1. Do (2h)', '| ID | Issue |', '|---|---|', '| A | b |', '|', '- [ ] ', '- [x] ', '- ',
  '1. ', '**', '**Risk**: ', '**Mitigation**: ', '**Week 1**: 40 hours', 'Level 1 (4 hours): x', '- Contact: a + b', '```', '```bash',
  '---', '> ', '`', '<!-- -->', '<div>', '\n', '\n\n', '\r\n', '    ', '\t', 'üéØ', 'ðŸ”´', '🔴', '\u0000', '\uFFFD', 'P1', 'CRITICAL',
  '## Notes', '## Escalation', '## Risks', '## Targets', '- 0 critical issues remaining', '99.9% uptime', '[link](javascript:x)', '&amp;',
  'x'.repeat(600), '(', ')', ':', '\\', '*', '_', '~~', '[^1]', '[^1]: note', 'https://example.com',
];

function mutate(text: string, random: () => number): string {
  let out = text;
  const n = 1 + Math.floor(random() * 8);
  for (let i = 0; i < n; i++) {
    const at = Math.floor(random() * (out.length + 1));
    const op = random();
    if (op < 0.35) out = out.slice(0, at) + TOKENS[Math.floor(random() * TOKENS.length)] + out.slice(at);
    else if (op < 0.6) out = out.slice(0, at) + out.slice(at + Math.floor(random() * 200));
    else if (op < 0.8) {
      const lines = out.split('\n');
      const a = Math.floor(random() * lines.length);
      const b = Math.floor(random() * lines.length);
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      out = lines.join('\n');
    } else out = out.slice(0, at) + out.slice(Math.max(0, at - 300), at) + out.slice(at);
  }
  return out;
}

function soup(random: () => number): string {
  const n = Math.floor(random() * 80);
  return Array.from({ length: n }, () => TOKENS[Math.floor(random() * TOKENS.length)]).join(random() < 0.5 ? '' : ' ');
}

function importAndRender(markdown: string): void {
  try {
    const { document } = parseAuditMarkdown(markdown);
    expect(projectDocumentSchema.safeParse(document).success).toBe(true);
    const model = buildReportModel(document);
    for (const kind of ['roadmap', 'standup'] as const) renderReport(kind, model, 'md');
    parseAuditMarkdown(renderReport('audit', model, 'md'));
  } catch (error) {
    if (!(error instanceof PunchlistError)) throw error;
    expect(error.message).not.toContain('\n');
  }
}

describe('Markdown import fuzz', () => {
  it('survives 150 mutations of real documents', { timeout: 120_000 }, () => {
    for (let seed = 1; seed <= 150; seed++) {
      const random = rng(seed);
      const base = fixtures[seed % fixtures.length]!;
      const markdown = mutate(base, random);
      try {
        importAndRender(markdown);
      } catch (error) {
        throw new Error(`seed ${seed}: ${(error as Error).stack}`);
      }
    }
  });

  it('survives 300 random token soups', { timeout: 120_000 }, () => {
    for (let seed = 1000; seed < 1300; seed++) {
      const markdown = soup(rng(seed));
      try {
        importAndRender(markdown);
      } catch (error) {
        throw new Error(`seed ${seed}: ${(error as Error).stack}`);
      }
    }
  });
});
