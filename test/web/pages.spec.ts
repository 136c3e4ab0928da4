// Every page of the dashboard against the real server and the imported example audit: it
// renders its content, has no serious or critical axe-core violation, and is saved as a
// screenshot (test-results/screenshots/) at 1280 px, and the main ones at phone width too.
import { expect, test } from '@playwright/test';
import { expectAccessible, pageAs, screenshot, webUrl } from './support/fixtures.js';

const PAGES: { name: string; path: string; shows: RegExp }[] = [
  { name: 'overview', path: '/p/TB', shows: /Standup —/ },
  { name: 'issues', path: '/p/TB/issues', shows: /issues loaded/ },
  { name: 'issue', path: '/p/TB/issues/B001', shows: /History/ },
  { name: 'board', path: '/p/TB/board', shows: /IN PROGRESS \d+/ },
  { name: 'issue-findings', path: '/p/TB/issues/TB-1', shows: /lib\/stats.ts:\d+/ },
  { name: 'roadmap', path: '/p/TB/roadmap', shows: /Forecast/ },
  { name: 'checklists', path: '/p/TB/checklists', shows: /Verify the chain/ },
  { name: 'kpis', path: '/p/TB/kpis', shows: /No KPI defined|target/ },
  { name: 'burndown', path: '/p/TB/progress', shows: /Daily snapshots/ },
  { name: 'risks', path: '/p/TB/risks', shows: /Risks/ },
  { name: 'teams', path: '/p/TB/teams', shows: /Open work/ },
  { name: 'escalations', path: '/p/TB/escalations', shows: /Escalation levels/ },
  { name: 'ingest', path: '/p/TB/ingest', shows: /Ingest runs/ },
  { name: 'import', path: '/p/TB/import', shows: /Drop a Markdown audit/ },
  { name: 'report-audit', path: '/p/TB/reports/audit', shows: /Download Markdown/ },
  { name: 'report-roadmap', path: '/p/TB/reports/roadmap', shows: /Download Markdown/ },
];

for (const { name, path, shows } of PAGES) {
  test(`${name} page renders, is accessible, light and dark`, async ({ browser }) => {
    test.setTimeout(60_000);
    const page = await pageAs(browser, 'admin');
    await page.goto(webUrl(path));
    await expect(page.getByText(shows).first()).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, name);
    await page.getByRole('button', { name: /Switch to (dark|light) theme/ }).click();
    await expectAccessible(page);
    await screenshot(page, `${name}-${await page.locator('html').getAttribute('data-theme')}`);
    await page.context().close();
  });
}

test('the main pages (overview, issues, issue and its findings, board, roadmap, checklists) work at phone width', async ({ browser }) => {
  test.setTimeout(180_000);
  const page = await pageAs(browser, 'member', { width: 390, height: 844 });
  for (const { name, path, shows } of PAGES.slice(0, 7)) {
    await page.goto(webUrl(path));
    await expect(page.getByText(shows).first()).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, `${name}-phone`);
  }
  await page.context().close();
});
