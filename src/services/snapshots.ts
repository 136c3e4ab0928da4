// Daily snapshots of issue counts per severity × status. The lead's issue commands and ingest
// call takeSnapshot after every change; a second call on the same day replaces the first.
import type { Project } from '../domain/model.js';
import type { StoreSession } from '../domain/ports.js';
import type { Snapshot } from '../domain/tracking-port.js';
import { dayIn } from '../domain/dates.js';
import { countsFromTally } from '../rules/snapshot.js';

export async function takeSnapshot(session: StoreSession, project: Pick<Project, 'id'>, at: string = new Date().toISOString()): Promise<Snapshot> {
  const snapshot: Snapshot = { day: dayIn(at), at, counts: countsFromTally(await session.issues.tally(project.id)) };
  await session.tracking.upsertSnapshot(project.id, snapshot);
  return snapshot;
}
