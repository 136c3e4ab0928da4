// Once for the browser run: a real server on a real store (support/stack.ts), and a logged-in
// browser state per role, so each test starts as admin, member or viewer without a login form
// (the login itself has its own test; the server rate-limits logins).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { request } from '@playwright/test';
import { ACCOUNTS, ROOT, startStack } from './stack.js';

export const STATE_DIR = join(ROOT, '.tmp', 'web-state');

export default async function globalSetup(): Promise<() => Promise<void>> {
  for (const built of ['web/dist/index.html', 'dist/bundle/punchlist.js']) {
    if (!existsSync(join(ROOT, built))) throw new Error(`${built} is missing: run \`npm run build\` first`);
  }
  const stack = await startStack();
  mkdirSync(STATE_DIR, { recursive: true });
  for (const [role, account] of Object.entries(ACCOUNTS)) {
    const context = await request.newContext({ baseURL: stack.url });
    const response = await context.post('/api/auth/login', { data: { name: account.name, password: account.password } });
    if (!response.ok()) throw new Error(`login as ${account.name} failed: ${response.status()} ${await response.text()}`);
    await context.storageState({ path: join(STATE_DIR, `${role}.json`) });
    await context.dispose();
  }
  process.env.PUNCHLIST_WEB_URL = stack.url;
  process.env.PUNCHLIST_WEB_DB = stack.db;
  return () => stack.stop();
}
