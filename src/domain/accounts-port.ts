// Accounts as the core sees them: people (with a password), API tokens and browser sessions,
// each with a role. Secrets never reach this port in clear: only their hashes.
export const ROLES = ['viewer', 'member', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { viewer: 0, member: 1, admin: 2 };

/** True when `role` may do what `needed` may do (admin ⊇ member ⊇ viewer). */
export const roleAllows = (role: Role, needed: Role): boolean => RANK[role] >= RANK[needed];

export interface User {
  id: number;
  name: string;
  role: Role;
  passwordHash: string;
  createdAt: string;
  version: number;
}

export interface ApiToken {
  id: number;
  name: string;
  role: Role;
  /** The first characters of the token, to tell tokens apart in lists; not a secret. */
  prefix: string;
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface WebSession {
  id: number;
  userId: number;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}

/** A change to an account or a token, with who made it (the store-wide account log). */
export interface AccountEvent {
  id: number;
  at: string;
  actor: string;
  /** user.added | user.changed | user.removed | token.created | token.revoked | project.deleted | store.restored */
  action: string;
  /** The user's name, or `token:<id>`. */
  subject: string;
  data: Record<string, unknown>;
}

export interface AccountRepo {
  countUsers(): Promise<number>;
  listUsers(): Promise<User[]>;
  getUser(name: string): Promise<User | null>;
  getUserById(id: number): Promise<User | null>;
  insertUser(user: { name: string; role: Role; passwordHash: string }, at: string): Promise<User>;
  /** Refuses with a conflict when `expectedVersion` is stale. */
  updateUser(id: number, patch: { role?: Role; passwordHash?: string }, expectedVersion: number): Promise<User>;
  deleteUser(id: number): Promise<void>;

  insertToken(token: { name: string; role: Role; prefix: string; hash: string; createdBy: string }, at: string): Promise<ApiToken>;
  listTokens(): Promise<ApiToken[]>;
  /** A live (not revoked) token by the hash of its secret. */
  findToken(hash: string): Promise<ApiToken | null>;
  touchToken(id: number, at: string): Promise<void>;
  revokeToken(id: number, at: string): Promise<ApiToken | null>;

  insertSession(session: { userId: number; hash: string; csrfToken: string; expiresAt: string }, at: string): Promise<WebSession>;
  /** A session that has not expired at `now`, by the hash of its secret. */
  findSession(hash: string, now: string): Promise<WebSession | null>;
  deleteSession(hash: string): Promise<void>;

  logEvent(event: Omit<AccountEvent, 'id'>): Promise<void>;
  /** Newest first. */
  listEvents(limit: number): Promise<AccountEvent[]>;
}
