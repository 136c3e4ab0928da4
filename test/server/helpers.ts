// A real app on a real store, with a token per role, for the server tests.
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
