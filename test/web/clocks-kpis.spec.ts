// A second project with what the example audit lacks: escalation levels with windows (one in
// business hours) and a KPI with a target. In the browser: the overview's SLA-breaches card and
// the issue page's clock come from the server's escalation service (the page shows what
// `issue show` prints), and the KPI chart draws the history against the target.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { punchlist } from './support/cli.js';
import { expectAccessible, pageAs, screenshot, webUrl } from './support/fixtures.js';

test.describe.configure({ mode: 'serial' });

test.beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'punchlist-web-kp-'));
  const doc = {
    version: 1,
    project: { key: 'KP', name: 'Clocks and KPIs' },
    escalation: [
      { level: 1, afterMinutes: 1_440, severities: ['critical'], contacts: ['Platform Lead'] },
      { level: 2, afterMinutes: 2_400, businessHours: true, severities: ['critical'], contacts: ['CTO'] },
    ],
    kpis: [{ key: 'ci_success_rate', name: 'CI success rate', unit: '%', target: 95, comparator: '>=' }],
    issues: [
      { key: 'K1', title: 'Old blocker past every window', severity: 'critical', status: 'backlog', createdAt: '2026-01-05T09:00:00.000Z' },
      { key: 'K2', title: 'Fresh blocker', severity: 'critical', status: 'backlog' },
      { key: 'K3', title: 'Minor, under no level', severity: 'minor', status: 'backlog' },
    ],
  };
  writeFileSync(join(dir, 'kp.json'), JSON.stringify(doc));
  punchlist('import', join(dir, 'kp.json'));
  punchlist('--project', 'KP', 'kpi', 'record', 'ci_success_rate', '91', '--at', '2026-11-20');
  punchlist('--project', 'KP', 'kpi', 'record', 'ci_success_rate', '97', '--at', '2026-11-22');
});

/** `issue show`'s "level N (…): …" line, up to the parenthesised breach time. */
function cliClock(key: string, level: number): string {
  const line = punchlist('--project', 'KP', 'issue', 'show', key).split('\n').find((l) => l.trim().startsWith(`level ${level} (`));
  if (!line) throw new Error(`issue show ${key}: no level ${level} clock`);
  return line.trim().replace(/ \((breached|breaches) [^)]*\).*$/, '').replace(/^level/, 'Level');
}

test('overview: the SLA-breaches card lists the open issues past a level, from the escalation service', async ({ browser }) => {
  const page = await pageAs(browser, 'viewer');
  await page.goto(webUrl('/p/KP'));
  const card = page.locator('section.card', { has: page.getByRole('heading', { name: 'SLA breaches' }) });
  await expect(card.locator('.big')).toContainText('1 open issue past an escalation window');
  await expect(card.getByRole('listitem')).toHaveCount(1);
  await expect(card.getByRole('listitem')).toContainText('K1');
  await expect(card.getByRole('listitem')).toContainText('level 2: overdue');
  await expect(card).toContainText('Next to breach: K2');
  await expectAccessible(page);
  await screenshot(page, 'overview-sla-breaches');
  await page.context().close();
});

test("issue page: the SLA clock is the escalation service's, level by level, as issue show prints it", async ({ browser }) => {
  const page = await pageAs(browser, 'viewer');
  await page.goto(webUrl('/p/KP/issues/K1'));
  const clock = page.getByRole('region', { name: 'SLA clock' });
  const level1 = clock.getByRole('listitem').filter({ hasText: 'Level 1' });
  const level2 = clock.getByRole('listitem').filter({ hasText: 'Level 2' });
  await expect(level1).toContainText('(1d, wall clock)');
  await expect(level2).toContainText('(1d 16h, business hours)');
  // The same words and figures as the CLI: the clock is computed once, on the server.
  const want1 = cliClock('K1', 1);
  const want2 = cliClock('K1', 2);
  expect(want1).toMatch(/overdue/);
  expect(want2).toMatch(/business hours\): overdue/);
  await expect(level1).toContainText(want1.replace(/\s+/g, ' '));
  await expect(level2).toContainText(want2.replace(/\s+/g, ' '));
  await expect(clock).toHaveClass(/breached/);
  await screenshot(page, 'issue-sla-clock');

  await page.goto(webUrl('/p/KP/issues/K2'));
  await expect(page.getByRole('region', { name: 'SLA clock' }).getByRole('listitem').filter({ hasText: 'Level 1' })).toContainText('left');
  await page.goto(webUrl('/p/KP/issues/K3'));
  await expect(page.getByRole('region', { name: 'SLA clock' })).toContainText('No escalation level applies to this issue.');
  await page.context().close();
});

test('KPIs: the chart draws the history against the target; a recorded value joins it', async ({ browser }) => {
  const page = await pageAs(browser, 'member');
  await page.goto(webUrl('/p/KP/kpis'));
  const chart = page.getByRole('img', { name: 'CI success rate over time against its target' });
  await expect(chart.locator('canvas')).toBeVisible();
  await expect(chart.locator('.u-legend')).toContainText('CI success rate');
  await expect(chart.locator('.u-legend')).toContainText('target');
  const data = page.getByRole('table', { name: /CI success rate over time against its target: data/ });
  await expect(data.getByRole('row')).toHaveCount(3);
  await expect(data.getByRole('row', { name: /2026-11-20/ })).toContainText('9195');
  await expect(data.getByRole('row', { name: /2026-11-22/ })).toContainText('9795');
  await expect(page.getByText('ON TRACK')).toBeVisible();

  await page.getByLabel('New value of CI success rate').fill('93');
  await page.getByRole('button', { name: 'Record' }).click();
  await expect(data.getByRole('row')).toHaveCount(4);
  await expect(page.getByText('OFF TRACK')).toBeVisible();
  await expect(page.getByText('Latest 93%')).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'kpis-chart');
  await page.context().close();
});
