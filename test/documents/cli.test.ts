// The Markdown side of the CLI as a user meets it: import (dry run, re-import, prune) and report.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProjectDocument } from '../../src/domain/document.js';
import { LIMITS } from '../../src/domain/limits.js';
import { cliWithStore } from '../support/cli.js';

const fixture = (name: string) => new URL(`../fixtures/documents/${name}`, import.meta.url).pathname;
const scratch = () => mkdtempSync(join(tmpdir(), 'punchlist-md-'));

describe('punchlist import FILE.md', () => {
  it('--dry-run prints counts per kind and the notes kept, and writes nothing', async () => {
    const { run } = cliWithStore();
    const result = await run('import', '--dry-run', fixture('audit.md'));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('recognised 12 issues, 3 phases, 10 phase tasks, 6 checklists, 20 checklist items, 4 teams, 3 escalation levels, 5 notes');
    expect(result.stdout).toContain('Dry run, nothing written');
    expect(result.stdout).toContain('note under FINDINGS BY SEVERITY › BLOCKERS (Priority 1): **Stops the release');
    const after = await run('export', '--format', 'json');
    expect(after.code).toBe(2);
  });

  it('creates the project from the title, is idempotent, updates by key and lists what disappeared', async () => {
    const { run } = cliWithStore();
    const first = await run('import', fixture('audit.md'));
    expect(first.stdout).toContain('project TB (created); issues 12 created');
    const again = await run('import', fixture('audit.md'));
    expect(again.stdout).toContain('issues 0 created, 0 updated, 12 unchanged');

    const edited = readFileSync(fixture('audit.md'), 'utf8')
      .replace('| B003 | Migrations fail on a fresh database | `db/migrations/0007_tax.sql` | ⛔ BLOCKED |', '| B003 | Migrations fail on a fresh database | `db/migrations/0007_tax.sql` | ✅ RESOLVED |')
      .replace(/\| MI003 .*\n/, '');
    const file = join(scratch(), 'audit.md');
    writeFileSync(file, edited);
    const update = await run('import', file);
    expect(update.stdout).toContain('1 updated');
    expect(update.stdout).toContain('Not in the document (kept; --prune removes them): MI003');
    const doc = (await run('export', '--format', 'json')).json<ProjectDocument>();
    expect(doc.issues.find((i) => i.key === 'B003')?.status).toBe('resolved');
    expect(doc.issues).toHaveLength(12);

    const pruned = await run('import', '--prune', file);
    expect(pruned.code).toBe(0);
    const after = (await run('export', '--format', 'json')).json<ProjectDocument>();
    expect(after.issues.map((i) => i.key)).not.toContain('MI003');
  });

  it('--json reports recognised counts, notes and the apply result', async () => {
    const { run } = cliWithStore();
    const result = await run('--json', 'import', fixture('roadmap.md'));
    const body = result.json<{ recognised: Record<string, number>; notes: unknown[]; created: string[] }>();
    expect(body.recognised).toMatchObject({ phases: 5, kpis: 3, risks: 3, actions: 3, nextSteps: 3 });
    expect(body.notes).toHaveLength(1);
  });

  it('refuses an oversized file with one line and exit 2', async () => {
    const { run } = cliWithStore();
    const file = join(scratch(), 'huge.md');
    writeFileSync(file, Buffer.alloc(LIMITS.markdownBytes + 1, 0x61));
    const result = await run('import', file);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/over the \d+-byte limit/);
  });

  it('reads a file that is Windows-1252, not UTF-8', async () => {
    const { run } = cliWithStore();
    const file = join(scratch(), 'legacy.md');
    writeFileSync(file, Buffer.from('# Caf\xe9 Register\n\n## High\n\n| ID | Issue |\n|---|---|\n| C-1 | Men\xfc broken |\n', 'latin1'));
    expect((await run('import', file)).code).toBe(0);
    const doc = (await run('export', '--format', 'json')).json<ProjectDocument>();
    expect(doc.issues[0]?.title).toBe('Menü broken');
  });
});

describe('punchlist report', () => {
  it('renders the audit from live state: statuses, standup counts, live rule results', async () => {
    const { run } = cliWithStore();
    await run('import', fixture('audit.md'));
    await run('issue', 'resolve', 'B001');
    const md = (await run('report', 'audit')).stdout;
    expect(md).toMatch(/\| B001 \| Invoice PDF renderer crashes on empty line items \| `services\/invoices\/render.ts` \| ✅ RESOLVED \|/);
    // The standup figure the author wrote (1/4) is no longer true: the live one takes its place, marked.
    expect(md).toContain('- **Completed**: _live: 2/4_ blockers');
    expect(md).toMatch(/- \[ \] No open blockers · _live: ❌ fail/);
    const standup = (await run('report', 'standup')).stdout;
    expect(standup).toContain('**Focus today**: Blockers');
  });

  it('writes one self-contained HTML file and JSON', async () => {
    const { run } = cliWithStore();
    await run('import', fixture('roadmap.md'));
    const out = join(scratch(), 'roadmap.html');
    const result = await run('report', 'roadmap', '--format', 'html', '-o', out);
    expect(result.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script|<link|src="http/);
    expect(html).toContain('<h2>📞 ESCALATION MATRIX</h2>');
    const json = (await run('report', 'audit', '--format', 'json')).json<{ kind: string; tiers: unknown[]; document: ProjectDocument }>();
    expect(json.kind).toBe('audit');
    expect(json.document.phases).toHaveLength(5);
  });

  it('importing a report back into the same store changes nothing', async () => {
    const { run } = cliWithStore();
    await run('import', fixture('audit.md'));
    await run('kpi', 'record', 'ci_success_rate', '97');
    const file = join(scratch(), 'report.md');
    expect((await run('report', 'audit', '-o', file)).code).toBe(0);
    const again = await run('--json', 'import', file);
    const body = again.json<{ created: string[]; updated: string[]; sections: string[] }>();
    expect(body).toMatchObject({ created: [], updated: [], sections: [] });
  });

  it('refuses an unknown kind or format with exit 2', async () => {
    const { run } = cliWithStore();
    await run('import', fixture('audit.md'));
    expect((await run('report', 'weekly')).code).toBe(2);
    expect((await run('report', 'audit', '--format', 'pdf')).code).toBe(2);
  });
});
