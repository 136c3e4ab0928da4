// A real app on a real store, with a token per role, for the server tests.
import { type IncomingMessage, request as httpRequest } from 'node:http';
import type { Role } from '../../src/domain/accounts-port.js';
import type { Store } from '../../src/domain/ports.js';
import { buildApp, type AppOptions } from '../../src/server/app.js';
import type { App } from '../../src/server/types.js';
import { createToken } from '../../src/services/accounts.js';
import { createProject } from '../../src/services/projects.js';

export interface TestServer {
  app: App;
  store: Store;
  tokens: Record<Role, string>;
  auth(role: Role): { authorization: string };
  close(): Promise<void>;
}

export async function startServer(store: Store, options: Partial<AppOptions> = {}): Promise<TestServer> {
  const app = await buildApp({ store, webDir: null, ...options });
  const tokens = {} as Record<Role, string>;
  for (const role of ['viewer', 'member', 'admin'] as const) {
    tokens[role] = (await createToken(store, { name: `${role}-bot`, role, createdBy: 'test' })).secret;
  }
  if (!(await store.projects.get('TW'))) await createProject(store, { key: 'TW', name: 'Tidewater Billing' }, { actor: 'test' });
  return {
    app,
    store,
    tokens,
    auth: (role) => ({ authorization: `Bearer ${tokens[role]}` }),
    close: async () => {
      await app.close();
    },
  };
}

export type SseEvent = { type: string; data: Record<string, unknown> };

/**
 * A real server-sent-events client on `url`: collects every event; `ready` resolves at the
 * server's `connected` comment. `onResponse` sees the response head (to check its headers).
 */
export function subscribe(
  url: string,
  token: string,
  onResponse: (res: IncomingMessage) => void = () => undefined,
): { events: SseEvent[]; ready: Promise<void>; close(): void } {
  const events: SseEvent[] = [];
  let close = () => undefined as void;
  const ready = new Promise<void>((resolve, reject) => {
    const req = httpRequest(url, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } }, (res) => {
      onResponse(res);
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        if (buffer.includes('connected')) resolve();
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const type = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (type && data) events.push({ type, data: JSON.parse(data) as Record<string, unknown> });
        }
      });
      res.on('error', () => undefined);
    });
    req.on('error', reject);
    req.end();
    close = () => req.destroy();
  });
  return { events, ready, close: () => close() };
}
