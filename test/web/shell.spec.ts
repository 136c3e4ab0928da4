import { expect, test } from '@playwright/test';
import { pageAs, webUrl } from './support/fixtures.js';

test('an anonymous visitor is sent to the login page, and can switch between light and dark', async ({ browser }) => {
  const page = await pageAs(browser, null);
  await page.goto(webUrl('/'));
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole('heading', { name: 'Log in to punchlist' })).toBeVisible();
  const theme = page.getByRole('button', { name: /Switch to (dark|light) theme/ });
  const before = await theme.getAttribute('aria-label');
  await theme.click();
  await expect(theme).not.toHaveAttribute('aria-label', before ?? '');
  await expect(page.locator('html')).toHaveAttribute('data-theme', /^(light|dark)$/);
});
