// Escalation where people look: the standup's breaches and escalations of the day (in the
// project's time zone), the audit report's live escalation section (the author's own document
// and the template), and sla.breached() in rules — on both stores, as the sweeps recorded them.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cliWithStore } from '../support/cli.js';
import { setProjectTimeZone } from '../../src/domain/dates.js';
import type { Store } from '../../src/domain/ports.js';
import { parseAuditMarkdown } from '../../src/documents/parse-audit-markdown.js';
import { tryRule } from '../../src/services/checks.js';
import { acknowledge, sweep } from '../../src/services/escalation.js';
import { importMarkdown } from '../../src/services/markdown-import.js';
import { renderProjectReport } from '../../src/services/reports.js';
import { buildStandup } from '../../src/services/standup.js';
import { storeFactories } from '../support/stores.js';
import { settingsFrom } from './settings.js';

const MARKDOWN = `# Tidewater - Audit

## Issues

| ID | Issue | Severity | Status | Created |
| --- | --- | --- | --- | --- |
| B001 | Checkout fails | Critical | Open | 2026-11-23 |
| M001 | Slow invoices | Major | Open | 2026-11-23 |

## Escalation

### Level 1 (4 hours): critical deployment blockers
- Contact: Lead Developer

### Level 2 (1 day): critical and major issues
- Contact: CTO

## Notes

Written by hand.
`;

const SETTINGS = settingsFrom('timezone: UTC\n');
// The imported issues are created now: sweep two days later, at 12:00 UTC.
const LATER = new Date(`${new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10)}T12:00:00.000Z`);
const at = { now: LATER };
const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

describe.each(storeFactories())('escalation in the standup, the audit and rules on $name', (factory) => {
  const open: Store[] = [];
  afterEach(async () => {
    setProjectTimeZone(undefined);
    await Promise.all(open.splice(0).map((s) => s.close()));
  });

  async function imported() {
    const store = await factory.open();
    open.push(store);
    const { applied } = await importMarkdown(store, MARKDOWN, { actor: 'test', projectKey: 'TW' });
    const project = (await store.projects.get(applied.project.key))!;
    return { store, project };
  }

  it('says sla.breached() is unknown before any sweep, then counts by level and severity', async () => {
    const { store, project } = await imported();
    expect(await tryRule(store, project, 'sla.breached() == 0')).toMatchObject({ status: 'unknown', fix: expect.stringMatching(/punchlist escalate/) });
    await sweep(store, project, SETTINGS, at);
    expect(await tryRule(store, project, 'sla.breached() == 0')).toMatchObject({ status: 'fail', reason: '2 open issues in breach of an escalation level: B001, M001' });
    expect(await tryRule(store, project, 'sla.breached(1) == 1 && sla.breached(2) == 2')).toMatchObject({ status: 'pass' });
    expect(await tryRule(store, project, 'sla.breached("major") == 1 && sla.breached("minor") == 0')).toMatchObject({ status: 'pass' });
    await expect(tryRule(store, project, 'sla.breached("urgent") == 0')).rejects.toThrow(/unknown severity/);
  });

  it("lists the day's breaches and escalations in the project's time zone", async () => {
    const { store, project } = await imported();
    // 12:00 UTC is already the next day in Auckland (UTC+13 in November).
    setProjectTimeZone('Pacific/Auckland');
    await sweep(store, project, SETTINGS, at);
    const utcDay = LATER.toISOString().slice(0, 10);
    const local = await buildStandup(store, project, dayAfter(utcDay), LATER);
    expect(local.escalations.swept).toBe(true);
    expect(local.escalations.breaches.map((e) => [e.issue, e.level])).toEqual([['B001', 1], ['B001', 2], ['M001', 2]]);
    expect(local.escalations.fired).toHaveLength(3);
    const before = await buildStandup(store, project, utcDay, LATER);
    expect(before.escalations).toMatchObject({ date: utcDay, breaches: [], fired: [], swept: true });
  });

  it("shows the escalation section's live state in the author's document and drops it again on re-import", async () => {
    const { store, project } = await imported();
    // Never swept: nothing is known, and the report is the document byte for byte.
    expect(await renderProjectReport(store, project, 'audit', 'md')).toBe(MARKDOWN);
    await sweep(store, project, SETTINGS, at);
    await acknowledge(store, project, 'B001', 1, { actor: 'Ann', at: LATER.toISOString() });
    const md = await renderProjectReport(store, project, 'audit', 'md');
    const live =
      '_live: escalation now — level 1: 1 in breach (B001), 0 escalated to it, 1 acknowledged (B001); level 2: 2 in breach (B001, M001), 2 escalated to it (B001, M001), 0 acknowledged_';
    expect(md).toBe(MARKDOWN.replace('- Contact: CTO\n', `- Contact: CTO\n\n${live}\n`));
    const html = await renderProjectReport(store, project, 'audit', 'html');
    expect(html).toContain('<em>live: escalation now — level 1: 1 in breach (B001)');
    const json = JSON.parse(await renderProjectReport(store, project, 'audit', 'json'));
    expect(json.sla.live.levels[1]).toMatchObject({ level: 2, breached: 2, escalated: 2, acknowledged: 0, breachedKeys: ['B001', 'M001'] });
    // Read back, the live line is not the author's: same levels, no note, same text.
    const again = parseAuditMarkdown(md);
    expect(again.document.escalation).toEqual(parseAuditMarkdown(MARKDOWN).document.escalation);
    expect(again.document.notes).toEqual(parseAuditMarkdown(MARKDOWN).document.notes);
    expect(again.document.source!.markdown).toBe(parseAuditMarkdown(MARKDOWN).document.source!.markdown);
  });
});

describe('the standup on the command line', () => {
  it('prints the day\'s breaches and escalations, in text and JSON, once a sweep has run', async () => {
    const { run } = cliWithStore();
    await run('init', '--key', 'TW');
    await run('issue', 'add', 'Checkout fails', '--severity', 'critical', '--key', 'B001');
    expect((await run('standup')).stdout).not.toContain('SLA breaches');
    const day = LATER.toISOString().slice(0, 10);
    // No punchlist.yaml: the level comes with the document (export, add it, apply).
    const doc = (await run('--json', 'export')).json<{ escalation: unknown[] }>();
    doc.escalation = [{ level: 1, afterMinutes: 60, scope: null, severities: [], contacts: [], resolution: null }];
    const file = join(mkdtempSync(join(tmpdir(), 'punchlist-sla-')), 'doc.json');
    writeFileSync(file, JSON.stringify(doc));
    expect((await run('apply', '-f', file)).code).toBe(0);
    expect((await run('escalate', '--at', LATER.toISOString())).code).toBe(0);
    const text = (await run('standup', '--date', day)).stdout;
    expect(text).toContain(`SLA breaches ${day}: 1 — B001 level 1`);
    expect(text).toContain(`Escalations fired ${day}: 1 — B001 level 1`);
    const json = (await run('--json', 'standup', '--date', day)).json<{ escalations: { breaches: { issue: string }[] } }>();
    expect(json.escalations.breaches.map((b) => b.issue)).toEqual(['B001']);
  });
});
