// Shared by the ingest integration tests: a store with a project, and ingest from fixture text.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/config/load.js';
import type { IngestConfig } from '../../src/config/schema.js';
import type { Project } from '../../src/domain/model.js';
import type { Store } from '../../src/domain/ports.js';
import type { Format } from '../../src/ingest/types.js';
import { ingest, type IngestOutcome } from '../../src/services/ingest.js';
import { FIXTURE_ROOT } from './fixtures.js';

export const defaultConfig = (yaml = ''): IngestConfig => parseConfig(yaml).config.ingest;

export async function withProject(store: Store, key = 'BOT'): Promise<Project> {
  return store.write((tx) => tx.projects.insert({ key, name: 'Chat bot', title: null, owner: null, date: null, status: null, summary: null }));
}

const dir = mkdtempSync(join(tmpdir(), 'punchlist-ingest-'));
let n = 0;

/** Writes `text` to a file and ingests it, as the CLI would. */
export async function ingestText(
  store: Store,
  project: Project,
  text: string,
  options: { name?: string; tool?: Format | 'auto'; commit?: string; dryRun?: boolean; config?: IngestConfig; scope?: string } = {},
): Promise<IngestOutcome> {
  const file = join(dir, `${n++}-${options.name ?? 'report'}`);
  writeFileSync(file, text);
  return ingest(store, project, {
    files: [file],
    tool: options.tool ?? 'auto',
    root: FIXTURE_ROOT,
    actor: 'ci',
    commit: options.commit ?? null,
    dryRun: options.dryRun ?? false,
    config: options.config ?? defaultConfig(),
    ...(options.scope !== undefined ? { scope: options.scope } : {}),
  });
}
