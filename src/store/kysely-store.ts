// The one implementation of the store port, over Kysely. The dialect adapters (sqlite.ts,
// postgres.ts) differ only in how they connect, open a write transaction and map driver errors.
import type { StoreSession } from '../domain/ports.js';
import type { DbContext } from './db-context.js';
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
  return {
    dialect: ctx.dialect,
    projects: projectRepo(ctx),
    issues: issueRepo(ctx),
    events: eventRepo(ctx),
    sections: sectionRepo(ctx),
    findings: findingRepo(ctx),
    tracking: trackingRepo(ctx),
    accounts: accountRepo(ctx),
    stats: statsRepo(ctx),
    escalations: escalationRepo(ctx),
    backup: backupRepo(ctx),
  };
}
