import type { ApiToken } from '../../domain/accounts-port.js';
import type { PublicUser } from '../../services/accounts.js';

export const presentUser = (u: PublicUser) => ({ name: u.name, role: u.role, createdAt: u.createdAt, version: u.version });

export const presentToken = (t: ApiToken) => ({
  id: t.id,
  name: t.name,
  role: t.role,
  prefix: t.prefix,
  createdBy: t.createdBy,
  createdAt: t.createdAt,
  lastUsedAt: t.lastUsedAt,
  revokedAt: t.revokedAt,
});
