// import(document) → report md → import into a fresh store → export equals the first export,
// computed values aside (timestamps the store stamps, KPI readings, who ticked what when).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProjectDocument } from '../../src/domain/document.js';
import { cliWithStore } from '../support/cli.js';

const FIXTURES = ['audit.md', 'roadmap.md', 'plain-register.md', 'crlf-high-low.md', 'only-checklists.md', 'weekly-plan.md', 'mojibake-windows-1252.md'];
const fixture = (name: string) => new URL(`../fixtures/documents/${name}`, import.meta.url).pathname;

function withoutComputed({ source: _source, ...doc }: ProjectDocument): ProjectDocument {
  // The source is the text each import read (the second one a report, with its live marks):
  // fidelity.test.ts checks what it renders to.
  return {
    ...doc,
    issues: doc.issues.map((i) => ({ ...i, createdAt: null, startedAt: null, resolvedAt: null })),
    kpis: doc.kpis.map((k) => ({ ...k, values: [] })),
    checklists: doc.checklists.map((c) => ({ ...c, items: c.items.map((it) => ({ ...it, doneAt: null, doneBy: null })) })),
    phases: doc.phases.map((p) => ({ ...p, items: p.items.map((it) => ({ ...it, doneAt: null, doneBy: null })) })),
  };
}

describe.each(FIXTURES)('round trip of %s', (name) => {
  it.each(['audit', 'roadmap'])('survives the %s report', { timeout: 60_000 }, async (kind) => {
    const first = cliWithStore();
    expect((await first.run('import', fixture(name))).code).toBe(0);
    const exported = (await first.run('export', '--format', 'json')).json<ProjectDocument>();
    const report = await first.run('report', kind);
    expect(report.code).toBe(0);

    const file = join(mkdtempSync(join(tmpdir(), 'punchlist-rt-')), `${kind}.md`);
    writeFileSync(file, report.stdout);
    const second = cliWithStore();
    const imported = await second.run('import', file);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    const again = (await second.run('export', '--format', 'json')).json<ProjectDocument>();

    expect(withoutComputed(again)).toEqual(withoutComputed(exported));
  });
});
