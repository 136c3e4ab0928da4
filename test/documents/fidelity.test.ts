// SPEC §4: a document that came from Markdown is rendered as its author wrote it. Unchanged, a
// render gives back the original byte for byte up to the live marks (line endings and trailing
// whitespace normalised, mis-decoded emoji repaired); after a change the diff is exactly that change.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAuditMarkdown } from '../../src/documents/parse-audit-markdown.js';
import { repairMojibake } from '../../src/documents/mojibake.js';
import { renderReport } from '../../src/documents/render-report.js';
import { buildReportModel } from '../../src/documents/report-model.js';
import { cliWithStore } from '../support/cli.js';

const dir = new URL('../fixtures/documents/', import.meta.url).pathname;
const examples = new URL('../../examples/', import.meta.url).pathname;
const documents = [
  ...readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md').map((f) => `${dir}${f}`),
  `${examples}audit.md`,
  `${examples}roadmap.md`,
];

/** The text as the importer keeps it: LF, no trailing blanks, emoji repaired. */
export function normalise(text: string): string {
  return repairMojibake(text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'))
    .replace(/[ \t]+$/gm, '')
    .replace(/\s*$/, '\n');
}

/** Live marks appended after a task (`· _live: …_`, `· _done: …_`) go; an in-place one matches anything. */
export function matchesUpToLiveMarks(rendered: string, original: string): boolean {
  const stripped = normalise(rendered).replace(/(?:[ \t]*·[ \t]*_(?:live|done): [^\n]*?_)+$/gm, '');
  const pattern = stripped
    .split(/_live: [^_\n]*_/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^\\n]*?');
  return new RegExp(`^${pattern}$`).test(normalise(original));
}

describe.each(documents)('%s', (path) => {
  const raw = readFileSync(path, 'utf8');

  it.each(['audit', 'roadmap'] as const)('renders back as written (%s, pure)', (kind) => {
    const parsed = parseAuditMarkdown(raw);
    const out = renderReport(kind, buildReportModel(parsed.document), 'md');
    expect(normalise(out)).toBe(normalise(raw));
  });

  it('renders back as written from a real store, live marks aside', { timeout: 60_000 }, async () => {
    const cli = cliWithStore();
    expect((await cli.run('import', path)).code).toBe(0);
    const report = await cli.run('report', 'audit');
    expect(report.code).toBe(0);
    expect(matchesUpToLiveMarks(report.stdout, raw)).toBe(true);
    // Through export and import of the project document, the source survives.
    const exported = await cli.run('export', '--format', 'json');
    const again = cliWithStore();
    const file = `${again.db}.json`;
    (await import('node:fs')).writeFileSync(file, exported.stdout);
    expect((await again.run('import', file)).code).toBe(0);
    expect((await again.run('report', 'audit')).stdout).toBe(report.stdout);
  });
});

const ruleResults = (text: string) => text.replace(/[ \t]*·[ \t]*_live: [^\n]*?_$/gm, '');

/** The changed run of lines, rule results aside (they follow any change to the register). */
function lineDiff(before: string, after: string): { removed: string[]; added: string[] } {
  const a = ruleResults(before).split('\n');
  const b = ruleResults(after).split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  return { removed: a.slice(start, endA), added: b.slice(start, endB) };
}

describe('after a change, the diff is exactly that change', () => {
  const audit = `${examples}audit.md`;

  it('resolving an issue rewrites its status cell in the table’s own words, and the standup figure', { timeout: 60_000 }, async () => {
    const cli = cliWithStore();
    await cli.run('import', audit);
    const before = (await cli.run('report', 'audit')).stdout;
    expect((await cli.run('issue', 'resolve', 'M002')).code).toBe(0);
    const after = (await cli.run('report', 'audit')).stdout;
    const { removed, added } = lineDiff(before, after);
    expect(removed).toEqual(['| Flaky e2e test for the customer portal login | M002 | QA Team | `e2e/portal/login.spec.ts` | 1.5hrs | 📋 PLANNED |']);
    expect(added).toEqual(['| Flaky e2e test for the customer portal login | M002 | QA Team | `e2e/portal/login.spec.ts` | 1.5hrs | ✅ RESOLVED |']);
  });

  it('resolving a blocker also moves the standup figures, marked live', { timeout: 60_000 }, async () => {
    const cli = cliWithStore();
    await cli.run('import', audit);
    await cli.run('issue', 'resolve', 'B004');
    const after = (await cli.run('report', 'audit')).stdout;
    expect(after).toContain('| B004 | Node 18 removed from the base image but still required | `Dockerfile` | ✅ RESOLVED | DevOps | 1hr |');
    expect(after).toContain('- **Completed**: _live: 2/4_ blockers');
    expect(after).toContain('- **In Progress**: 1/4 blockers');
  });

  it('ticking an item ticks its box and nothing else', { timeout: 60_000 }, async () => {
    const cli = cliWithStore();
    await cli.run('import', audit);
    const before = (await cli.run('report', 'audit')).stdout;
    expect((await cli.run('check', 'tick', 'manual-checks', 'Refund a payment')).code).toBe(0);
    const after = (await cli.run('report', 'audit')).stdout;
    expect(lineDiff(before, after)).toEqual({ removed: ['- [ ] Refund a payment'], added: ['- [x] Refund a payment · _done: tester, ' + new Date().toISOString().slice(0, 10) + '_'] });
  });

  it('an issue added since goes to the end of its tier’s table, in that table’s columns', { timeout: 60_000 }, async () => {
    const cli = cliWithStore();
    await cli.run('import', audit);
    const before = (await cli.run('report', 'audit')).stdout;
    expect((await cli.run('issue', 'add', 'Totals drift on refunds', '--severity', 'major', '--owner', 'Payments Team', '--eta', '2hrs', '--file', 'services/tax/refund.ts')).code).toBe(0);
    const after = (await cli.run('report', 'audit')).stdout;
    const { removed, added } = lineDiff(before, after);
    expect(removed).toEqual([]);
    // The major table's columns are Issue | ID | Owner | File | ETA | Status.
    expect(added).toEqual(['| Totals drift on refunds | TB-1 | Payments Team | `services/tax/refund.ts` | 2hrs | 📋 BACKLOG |']);
  });

  it('a report read back is read as the same document, and renders the same again', { timeout: 60_000 }, async () => {
    const cli = cliWithStore();
    await cli.run('import', audit);
    await cli.run('issue', 'resolve', 'B001');
    const report = (await cli.run('report', 'audit')).stdout;
    const file = `${cli.db}.md`;
    (await import('node:fs')).writeFileSync(file, report);
    const again = cliWithStore();
    expect((await again.run('import', file)).code).toBe(0);
    expect((await again.run('report', 'audit')).stdout).toBe(report);
  });

  it('adds the sections the author did not write only when asked', { timeout: 60_000 }, async () => {
    const cli = cliWithStore();
    await cli.run('import', `${examples}roadmap.md`);
    const plain = (await cli.run('report', 'roadmap')).stdout;
    expect(plain).not.toMatch(/STANDUP/);
    const more = (await cli.run('report', 'roadmap', '--add-missing')).stdout;
    expect(more.startsWith(plain.replace(/\s*$/, ''))).toBe(true);
    expect(more).toMatch(/## 📈 STANDUP/);
  });

  it('the HTML report follows the same skeleton', { timeout: 60_000 }, async () => {
    const cli = cliWithStore();
    await cli.run('import', audit);
    const html = (await cli.run('report', 'audit', '--format', 'html')).stdout;
    const headings = [...html.matchAll(/<h(\d)>(.*?)<\/h\1>/g)].map((m) => `${m[1]} ${m[2]}`);
    const written = [...readFileSync(audit, 'utf8').matchAll(/^(#+) (.*)$/gm)].map((m) => `${m[1]!.length} ${m[2]!.replace(/&/g, '&amp;')}`);
    expect(headings).toEqual(written);
  });
});

describe('rows that move, go, or have no table (pure)', () => {
  const render = (raw: string, edit: (issues: ReturnType<typeof parseAuditMarkdown>['document']['issues']) => void, addMissing = false) => {
    const { document } = parseAuditMarkdown(raw);
    const before = renderReport('audit', buildReportModel(document), 'md');
    edit(document.issues);
    return { before, after: renderReport('audit', buildReportModel(document), 'md', { addMissing }) };
  };
  const audit = readFileSync(`${examples}audit.md`, 'utf8');

  it('a deleted issue takes its row along', () => {
    const { before, after } = render(audit, (issues) => void issues.splice(issues.findIndex((i) => i.key === 'MI003'), 1));
    expect(lineDiff(before, after)).toEqual({ removed: ['| MI003 | README still mentions the old staging URL | `README.md` | 📋 BACKLOG | DevOps | 10min |'], added: [] });
  });

  it('an issue whose tier changed leaves its heading’s table for its new tier’s', () => {
    const { after } = render(audit, (issues) => void (issues.find((i) => i.key === 'MI002')!.severity = 'medium'));
    const medium = after.slice(after.indexOf('MEDIUM ISSUES'), after.indexOf('MINOR ISSUES'));
    expect(medium).toContain('| MI002 | Runbook missing the refund procedure | `docs/runbook.md` | 📋 BACKLOG | Support Lead | 1d |');
    expect(after.slice(after.indexOf('MINOR ISSUES'))).not.toContain('MI002');
  });

  it('an issue with no table of its tier is named in one marked line, or gets a register with --add-missing', () => {
    const german = readFileSync(`${dir}german-audit.md`, 'utf8');
    const add = (issues: ReturnType<typeof parseAuditMarkdown>['document']['issues']) =>
      void issues.push({ ...issues[0]!, key: 'N-1', title: 'Neues Problem', severity: 'minor', status: 'backlog' });
    const plain = render(german, add).after;
    expect(plain.trimEnd().split('\n').at(-1)).toBe('_live: 1 issue without a table of their tier here (N-1); report --add-missing adds them_');
    const more = render(german, add, true).after;
    expect(more).toMatch(/## Issues added since import\n\n### 🟢 MINOR \(Priority 4\)\n\n\| ID \| Issue \|[^\n]*\n[^\n]*\n\| N-1 \| Neues Problem \|/);
  });
});
