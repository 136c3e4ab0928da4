// Documents written by other hands (test/fixtures/documents/README.md): each imports to the export
// reviewed by hand in expected/, and across the corpus at least 95% of the items (docs/markdown.md
// defines items and "recognised") become data rather than notes.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAuditMarkdown } from '../../src/documents/parse-audit-markdown.js';

const dir = new URL('../fixtures/documents/', import.meta.url).pathname;
const documents = readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md');
const reviewed = documents.filter((f) => existsSync(`${dir}expected/${f.replace(/\.md$/, '.json')}`));

describe('the corpus', () => {
  it('holds at least 12 documents with a reviewed export', () => {
    expect(reviewed.length).toBeGreaterThanOrEqual(12);
  });

  it.each(reviewed)('%s imports to its reviewed export', (name) => {
    const { document } = parseAuditMarkdown(readFileSync(`${dir}${name}`, 'utf8'));
    const { source: _source, ...rest } = document;
    const expected: unknown = JSON.parse(readFileSync(`${dir}expected/${name.replace(/\.md$/, '.json')}`, 'utf8'));
    expect(rest).toEqual(expected);
  });

  it('recognises at least 95% of the items overall, and says which it did not', () => {
    let items = 0;
    let recognised = 0;
    const lines: string[] = [];
    for (const name of documents) {
      const { coverage } = parseAuditMarkdown(readFileSync(`${dir}${name}`, 'utf8'));
      items += coverage.items;
      recognised += coverage.recognised;
      const share = coverage.items === 0 ? 100 : (100 * coverage.recognised) / coverage.items;
      lines.push(`${share.toFixed(1).padStart(6)}%  ${String(coverage.recognised).padStart(3)}/${String(coverage.items).padEnd(3)} ${name}`);
      for (const u of coverage.unread) lines.push(`           not recognised: ${u.text}`);
    }
    const overall = (100 * recognised) / items;
    console.log(`${lines.join('\n')}\n${overall.toFixed(1).padStart(6)}%  ${recognised}/${items} overall`);
    expect(overall).toBeGreaterThanOrEqual(95);
  });
});
