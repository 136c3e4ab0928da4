import { expect, test } from '@playwright/test';

const base = (): string => process.env.PUNCHLIST_WEB_URL ?? '';

test('the dashboard loads and switches between light and dark', async ({ page }) => {
  await page.goto(`${base()}/`);
  await expect(page.getByText('punchlist').first()).toBeVisible();
  const theme = page.getByRole('button', { name: /Switch to (dark|light) theme/ });
  const before = await theme.getAttribute('aria-label');
  await theme.click();
  await expect(theme).not.toHaveAttribute('aria-label', before ?? '');
  await expect(page.locator('html')).toHaveAttribute('data-theme', /^(light|dark)$/);
});
