// Live: a change made by one user reaches another user's open page over server-sent events,
// without a reload.
import { expect, test } from '@playwright/test';
import { pageAs, webUrl } from './support/fixtures.js';

test('a change made elsewhere arrives without a reload', async ({ browser }) => {
  const watcher = await pageAs(browser, 'viewer');
  await watcher.goto(webUrl('/p/TB/issues/MD002'));
  await expect(watcher.getByRole('heading', { name: /Duplicate currency/ })).toBeVisible();
  await expect(watcher.locator('.live-live')).toBeVisible();
  const editor = await pageAs(browser, 'admin');
  await editor.goto(webUrl('/p/TB/issues/MD002'));
  const owner = editor.getByLabel('Owner');
  await owner.fill('Live Owner');
  await owner.press('Enter');
  await expect(editor.locator('td.change', { hasText: 'Live Owner' })).toBeVisible();
  await expect(watcher.locator('td.change', { hasText: 'owner: Web Team → Live Owner' })).toBeVisible();
  await watcher.context().close();
  await editor.context().close();
});
