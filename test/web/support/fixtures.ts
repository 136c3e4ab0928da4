// What every browser test uses: a page logged in as a role, the server's address, a check that
// a page has no serious or critical accessibility violation (axe-core), and a screenshot of
// each page into test-results/screenshots/ (kept by CI).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type Page, expect, test as base } from '@playwright/test';
import type { RoleName } from './stack.js';
import { ROOT } from './stack.js';

export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');
const STATE_DIR = join(ROOT, '.tmp', 'web-state');

export const webUrl = (path = '/'): string => `${process.env.PUNCHLIST_WEB_URL ?? ''}${path}`;

/** A fresh browser context (AxeBuilder needs one of its own) logged in as `role`. */
export async function pageAs(browser: Browser, role: RoleName | null, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const context = await browser.newContext({
    viewport,
    ...(role ? { storageState: join(STATE_DIR, `${role}.json`) } : {}),
  });
  return context.newPage();
}

export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const described = serious.map((v) => `${v.impact}: ${v.id} — ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
  expect(described, 'axe-core: serious or critical violations').toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export const test = base;
export { expect };
