// The one implementation of the store port, over Kysely. The dialect adapters (sqlite.ts,
// postgres.ts) differ only in how they connect and open a write transaction; what else differs
// is in dialect.ts — including how driver errors map to ours, applied here once for every
// repository method, whichever path (Kysely or a raw prepared statement) raised it.
import { isPunchlistError } from '../domain/errors.js';
import type { StoreSession } from '../domain/ports.js';
import type { DbContext } from './db-context.js';
import { dialectOps } from './dialect.js';
import { accountRepo } from './repos/accounts.js';
import { escalationRepo } from './repos/escalations.js';
import { backupRepo } from './repos/backup.js';
import { eventRepo } from './repos/events.js';
import { findingRepo } from './repos/findings.js';
import { issueRepo } from './repos/issues.js';
import { projectRepo } from './repos/projects.js';
import { statsRepo } from './repos/stats.js';
import { sectionRepo } from './repos/sections.js';
import { trackingRepo } from './repos/tracking.js';

export function sessionFor(ctx: DbContext): StoreSession {
  const guard = driverErrors(ctx);
  return {
    dialect: ctx.dialect,
    projects: guarded(projectRepo(ctx), guard),
    issues: guarded(issueRepo(ctx), guard),
    events: guarded(eventRepo(ctx), guard),
    sections: guarded(sectionRepo(ctx), guard),
    findings: guarded(findingRepo(ctx), guard),
    tracking: guarded(trackingRepo(ctx), guard),
    accounts: guarded(accountRepo(ctx), guard),
    stats: guarded(statsRepo(ctx), guard),
    escalations: guarded(escalationRepo(ctx), guard),
    backup: guarded(backupRepo(ctx), guard),
  };
}

/** A driver error as ours (see dialect.ts), or the error unchanged when it is our bug. */
export function driverErrors(ctx: Pick<DbContext, 'dialect' | 'location'>): (error: unknown) => unknown {
  const ops = dialectOps(ctx.dialect);
  const location = ctx.location ?? 'the store';
  return (error) => (isPunchlistError(error) ? error : (ops.mapError(error, location) ?? error));
}

/** The repository with every method's errors passed through `map` (sync or async alike). */
function guarded<T extends object>(repo: T, map: (error: unknown) => unknown): T {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(repo)) {
    if (typeof value !== 'function') {
      out[name] = value;
      continue;
    }
    const method = value as (...args: unknown[]) => unknown;
    out[name] = (...args: unknown[]) => {
      try {
        const result = method(...args);
        return result instanceof Promise ? result.catch((error: unknown) => Promise.reject(map(error) as Error)) : result;
      } catch (error) {
        throw map(error);
      }
    };
  }
  return out as T;
}
