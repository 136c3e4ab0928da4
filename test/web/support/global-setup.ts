// Starts what the browser tests look at, once for the run, and tells the tests where (PUNCHLIST_WEB_URL).
import { existsSync } from 'node:fs';
import { preview } from 'vite';

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync('web/dist/index.html')) throw new Error('web/dist is missing: run `npm run build` first');
  const server = await preview({ root: 'web', logLevel: 'silent', preview: { host: '127.0.0.1', port: 0 } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('the preview server has no address');
  process.env.PUNCHLIST_WEB_URL = url.replace(/\/$/, '');
  return async () => {
    await server.close();
  };
}
