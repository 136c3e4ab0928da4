// The main flows, in a real browser against the real server: log in, filter (the view is in the
// URL), edit an issue, drag on the board (and a stale drag shows the 409 and the fresh card),
// bulk edit (a stale issue is named, not overwritten), create with the keyboard, and a viewer who sees no edit control.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Page, expect, test } from '@playwright/test';
import { punchlist } from './support/cli.js';
import { pageAs, screenshot, webUrl } from './support/fixtures.js';
import { ACCOUNTS, ROOT } from './support/stack.js';

test.describe.configure({ mode: 'serial' });

test('log in with the form, land on the page asked for, log out', async ({ browser }) => {
  const page = await pageAs(browser, null);
  await page.goto(webUrl('/p/TB/issues'));
  await expect(page).toHaveURL(/\/login\?redirect=/);
  await screenshot(page, 'login');
  await page.getByLabel('Name').fill(ACCOUNTS.member.name);
  await page.getByLabel('Password').fill('wrong-password-123');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await page.getByLabel('Password').fill(ACCOUNTS.member.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/p\/TB\/issues$/);
  await expect(page.getByText(`${ACCOUNTS.member.name} (member)`)).toBeVisible();
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.context().close();
});

test('filter and search: the view is in the URL and survives a reload', async ({ browser }) => {
  const page = await pageAs(browser, 'member');
  await page.goto(webUrl('/p/TB/issues'));
  await page.locator('label.chip', { hasText: 'Critical' }).click();
  await expect(page).toHaveURL(/severity=critical/);
  await expect(page.getByText(/of 5 issues loaded/)).toBeVisible();
  await page.keyboard.press('/');
  await expect(page.locator('#issue-search')).toBeFocused();
  await page.keyboard.type('invoice');
  await expect(page).toHaveURL(/q=invoice/);
  await expect(page.locator('tbody tr')).toHaveCount(1);
  await expect(page.locator('tbody tr').first()).toContainText('B001');
  await page.reload();
  await expect(page.locator('#issue-search')).toHaveValue('invoice');
  await expect(page.locator('tbody tr')).toHaveCount(1);
  await page.getByRole('button', { name: 'Sort by Key' }).click();
  await expect(page).toHaveURL(/sort=key/);
  await page.context().close();
});

test('keyboard: j/k move, Enter opens, c creates', async ({ browser }) => {
  const page = await pageAs(browser, 'member');
  await page.goto(webUrl('/p/TB/issues?severity=critical&sort=key'));
  await expect(page.locator('tbody tr')).toHaveCount(5);
  await page.locator('body').press('j');
  await page.locator('body').press('j');
  await page.locator('body').press('k');
  await expect(page.locator('tbody tr.active')).toHaveAttribute('data-key', 'B002');
  await page.locator('body').press('Enter');
  await expect(page).toHaveURL(/\/issues\/B002$/);
  await page.goto(webUrl('/p/TB/issues'));
  await expect(page.locator('tbody tr').first()).toBeVisible();
  await page.locator('body').press('c');
  await page.getByRole('dialog').getByLabel('Title').fill('Dashboard-created issue');
  await page.getByRole('dialog').getByLabel('Severity').selectOption('minor');
  await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { name: /Dashboard-created issue/ })).toBeVisible();
  await page.context().close();
});

test('edit an issue: saved at once, recorded in its history with who and what', async ({ browser }) => {
  const page = await pageAs(browser, 'member');
  await page.goto(webUrl('/p/TB/issues/MD001'));
  await expect(page.getByRole('heading', { name: /Retry loop/ })).toBeVisible();
  const owner = page.getByLabel('Owner');
  await owner.fill('Max Member');
  await owner.press('Enter');
  await expect(page.locator('td.change', { hasText: 'owner: Data Team → Max Member' })).toBeVisible();
  await expect(page.getByRole('row', { name: /max.*issue.updated/ })).toBeVisible();
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.locator('.issue-head')).toContainText('IN PROGRESS');
  await page.getByLabel('Add a comment').fill('Picked up from the dashboard');
  await page.getByRole('button', { name: 'Comment' }).click();
  await expect(page.locator('.comments')).toContainText('Picked up from the dashboard');
  await page.context().close();
});

test('a stale edit is refused with the 409 and the page shows the issue as it is now', async ({ browser }) => {
  const page = await pageAs(browser, 'member');
  await withoutLiveEvents(page);
  await page.goto(webUrl('/p/TB/issues/MI001'));
  await expect(page.getByRole('heading', { name: /Inconsistent import ordering/ })).toBeVisible();
  punchlist('issue', 'update', 'MI001', '--owner', 'Changed Elsewhere');
  const owner = page.getByLabel('Owner');
  await owner.fill('Stale Writer');
  await owner.press('Enter');
  await expect(page.getByRole('alert')).toContainText('409');
  await expect(page.getByLabel('Owner')).toHaveValue('Changed Elsewhere');
  await page.context().close();
});

/**
 * The page hears no live events: a change made elsewhere then stays unseen until the page writes,
 * which is the stale write these tests are about. With live events on, the change can reach the
 * page before the pointer does, and the test would race the store watch.
 */
async function withoutLiveEvents(page: Page): Promise<void> {
  await page.route('**/api/projects/*/events', (route) => route.abort());
}

/** A real pointer drag: press on the card, move over the column in steps, release. */
async function dragCard(page: Page, key: string, status: string): Promise<void> {
  await page.locator(`li[data-key="${key}"]`).scrollIntoViewIfNeeded();
  const from = await page.locator(`li[data-key="${key}"] .card-title`).boundingBox();
  const to = await page.locator(`section[data-status="${status}"]`).boundingBox();
  if (!from || !to) throw new Error(`drag ${key} → ${status}: card or column not on screen`);
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 + 10, { steps: 3 });
  await page.mouse.move(to.x + to.width / 2, to.y + Math.min(to.height / 2, 120), { steps: 12 });
  await page.mouse.up();
}

test('board: drag a card to another status; a stale drag shows the 409 and the fresh card', async ({ browser }) => {
  // Tall enough that every card and the top of every column are on screen: a pointer drag
  // only reaches what the viewport shows.
  const page = await pageAs(browser, 'member', { width: 1280, height: 2400 });
  await page.goto(webUrl('/p/TB/board'));
  await expect(page.locator('li[data-key="B004"]')).toBeVisible();
  await dragCard(page, 'B004', 'in_progress');
  await expect(page.locator('section[data-status="in_progress"] li[data-key="B004"]')).toBeVisible();
  await withoutLiveEvents(page);
  await page.reload();
  await expect(page.locator('section[data-status="in_progress"] li[data-key="B004"]')).toBeVisible();

  // Another client blocks MI002 while this page still shows it in Backlog; this page drags it.
  await expect(page.locator('section[data-status="backlog"] li[data-key="MI002"]')).toBeVisible();
  punchlist('issue', 'block', 'MI002', '--reason', 'waiting on support');
  await dragCard(page, 'MI002', 'planned');
  await expect(page.getByRole('alert')).toContainText('409');
  await expect(page.getByRole('alert')).toContainText('Not moved: MI002');
  await expect(page.locator('section[data-status="blocked"] li[data-key="MI002"]')).toBeVisible();
  await expect(page.locator('section[data-status="planned"] li[data-key="MI002"]')).toHaveCount(0);
  await screenshot(page, 'board-conflict');

  // The same through the keyboard's "Move to" menu.
  await expect(page.locator('section[data-status="backlog"] li[data-key="MI003"]')).toBeVisible();
  punchlist('issue', 'start', 'MI003');
  await page.getByRole('combobox', { name: 'Move MI003 to' }).selectOption('planned');
  await expect(page.getByRole('alert')).toContainText('Not moved: MI003');
  await expect(page.locator('section[data-status="in_progress"] li[data-key="MI003"]')).toBeVisible();
  await page.context().close();
});

test('bulk edit: one change to the selected issues, each with its own version; a stale one is reported, not overwritten', async ({ browser }) => {
  const page = await pageAs(browser, 'member');
  await withoutLiveEvents(page);
  await page.goto(webUrl('/p/TB/issues?q=Failing%20test'));
  await expect(page.locator('tbody tr', { hasText: 'TB-7' })).toBeVisible();
  await expect(page.locator('tbody tr', { hasText: 'TB-8' })).toBeVisible();
  await page.getByLabel('Select TB-7').check();
  await page.getByLabel('Select TB-8').check();
  const bulk = page.getByRole('region', { name: 'Bulk edit' });
  await expect(bulk).toContainText('2 selected');
  await bulk.getByLabel('Field').selectOption('owner');
  await bulk.getByLabel('New owner').fill('QA Bulk');
  await bulk.getByRole('button', { name: 'Apply to 2' }).click();
  await expect(bulk.getByRole('status')).toContainText('2 updated');
  await expect(page.locator('tbody tr', { hasText: 'TB-7' })).toContainText('QA Bulk');
  await expect(page.locator('tbody tr', { hasText: 'TB-8' })).toContainText('QA Bulk');

  // TB-8 changes behind the page: the bulk change lands on TB-7 only and names TB-8.
  await page.getByLabel('Select TB-7').check();
  await page.getByLabel('Select TB-8').check();
  punchlist('issue', 'update', 'TB-8', '--owner', 'Changed Elsewhere');
  await bulk.getByLabel('Field').selectOption('status');
  await bulk.getByLabel('New value').selectOption('planned');
  await bulk.getByRole('button', { name: 'Apply to 2' }).click();
  await expect(bulk.getByRole('status')).toContainText('1 updated; 1 changed meanwhile, not overwritten: TB-8');
  await expect(page.locator('tbody tr', { hasText: 'TB-7' })).toContainText('PLANNED');
  await expect(page.locator('tbody tr', { hasText: 'TB-8' })).toContainText('Changed Elsewhere');
  await expect(page.locator('tbody tr', { hasText: 'TB-8' })).toContainText('BACKLOG');
  await screenshot(page, 'issues-bulk-edit');
  await page.context().close();
});

test('a viewer sees the data but no edit control', async ({ browser }) => {
  const page = await pageAs(browser, 'viewer');
  await page.goto(webUrl('/p/TB/issues'));
  await expect(page.locator('tbody tr').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'New issue' })).toHaveCount(0);
  await expect(page.getByRole('checkbox', { name: /Select/ })).toHaveCount(0);
  await page.goto(webUrl('/p/TB/issues/B003'));
  await expect(page.getByRole('heading', { name: /Migrations fail/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Resolve' })).toHaveCount(0);
  await expect(page.getByLabel('Owner')).toHaveCount(0);
  await page.goto(webUrl('/p/TB/board'));
  await expect(page.locator('li[data-key="B003"]')).toBeVisible();
  await expect(page.locator('li[data-key="B003"]')).toHaveAttribute('draggable', 'false');
  await expect(page.getByRole('combobox', { name: /Move/ })).toHaveCount(0);
  await page.context().close();
});

test('import a document: drop the Markdown, read the dry run, confirm', async ({ browser }) => {
  const page = await pageAs(browser, 'admin');
  await page.goto(webUrl('/p/TB/import'));
  const audit = readFileSync(join(ROOT, 'examples', 'audit.md'), 'utf8');
  const changed = audit.replace(/(\| B004 \|[^\n]*\n)/, '$1| B005 | Dashboard-imported blocker | `web/x.ts` | 📋 PLANNED | DevOps | 1hr |\n');
  await page.locator('input[type="file"]').setInputFiles({ name: 'audit.md', mimeType: 'text/markdown', buffer: Buffer.from(changed) });
  await expect(page.getByRole('heading', { name: /Dry run of audit.md/ })).toBeVisible();
  await expect(page.locator('dd', { hasText: '1 (B005)' })).toBeVisible();
  await screenshot(page, 'import-dry-run');
  await page.getByRole('button', { name: 'Confirm the import' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported into TB' })).toContainText('1 created');
  await page.goto(webUrl('/p/TB/issues/B005'));
  await expect(page.getByRole('heading', { name: /Dashboard-imported blocker/ })).toBeVisible();
  await page.context().close();
});

test('upload tool output: the run is reconciled and listed with what it changed', async ({ browser }) => {
  const page = await pageAs(browser, 'member');
  await page.goto(webUrl('/p/TB/ingest'));
  await page.getByLabel(/Reports \(SARIF/).setInputFiles(join(ROOT, 'test', 'fixtures', 'ingest', 'eslint.json'));
  await page.getByLabel('Commit (optional)').fill('web-upload');
  await page.getByRole('button', { name: 'Ingest' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'eslint' })).toContainText('findings');
  await expect(page.getByRole('cell', { name: 'web-upload' })).toBeVisible();
  await screenshot(page, 'ingest-after-upload');
  await page.context().close();
});

test('checklists: tick a manual item and sign it off; the chain verifies', async ({ browser }) => {
  const page = await pageAs(browser, 'member');
  await page.goto(webUrl('/p/TB/checklists'));
  const box = page.getByRole('checkbox', { name: /^Done: /, checked: false }).first();
  const label = (await box.getAttribute('aria-label')) ?? '';
  await expect(box).not.toBeChecked();
  await box.click();
  await expect(page.getByRole('checkbox', { name: label }).first()).toBeChecked();
  await page.getByRole('button', { name: 'Sign off' }).first().click();
  await expect(page.locator('table', { hasText: 'Hash' }).getByRole('cell', { name: 'max' }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Verify the chain' }).click();
  await expect(page.getByText('CHAIN INTACT')).toBeVisible();
  await page.context().close();
});
