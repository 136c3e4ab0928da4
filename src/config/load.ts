// Loading punchlist.yaml: found by walking up from the working directory, parsed once, returned
// with warnings (keys another part of punchlist owns are left alone; keys nobody knows are
// reported, not fatal) — a mistake inside a key we own is a one-line error naming the key.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { badInput } from '../domain/errors.js';
import { expandEnv } from './escalation-schema.js';
import { CONFIG_FILE, findConfig } from './find.js';
import { type Config, configSchema } from './schema.js';

export { CONFIG_FILE, findConfig } from './find.js';

/** Top-level keys owned elsewhere (rules, gates, server): not ours to judge. */
const KNOWN_TOP_LEVEL = new Set(['ingest', 'scan', 'timezone', 'project', 'rules', 'gates', 'kpis', 'escalation', 'server', 'webhooks', 'calendar', 'report', 'checklists']);

export interface LoadedConfig {
  config: Config;
  warnings: string[];
  /** The file read, or null when there is none (all defaults). */
  path: string | null;
  /** The directory relative paths in the file are resolved against. */
  baseDir: string;
}

export function parseConfig(text: string, name = CONFIG_FILE): { config: Config; warnings: string[] } {
  let raw: unknown;
  try {
    raw = parseYaml(text, { maxAliasCount: 100 }) ?? {};
  } catch (error) {
    throw badInput(`${name}: not valid YAML (${(error as Error).message.split('\n')[0]})`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw badInput(`${name}: expected a mapping at the top level`);
  const warnings = Object.keys(raw)
    .filter((key) => !KNOWN_TOP_LEVEL.has(key))
    .map((key) => `${name}: unknown key "${key}" is ignored`);
  const record = raw as Record<string, unknown>;
  if (record.escalation !== undefined) {
    const missing: string[] = [];
    record.escalation = expandEnv(record.escalation, process.env, missing);
    for (const variable of new Set(missing)) warnings.push(`${name}: escalation refers to \${${variable}}, which is not set`);
  }
  const parsed = configSchema.safeParse(record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.map(String).join('.') ?? '';
    throw badInput(`${name}: ${path || '(top level)'}: ${issue?.message ?? 'invalid'}`);
  }
  return { config: parsed.data, warnings };
}

export function loadConfig(cwd: string = process.cwd(), explicit?: string): LoadedConfig {
  const path = explicit !== undefined ? resolve(cwd, explicit) : findConfig(cwd);
  if (path === null) return { ...parseConfig(''), path: null, baseDir: resolve(cwd) };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw badInput(`${path}: cannot read the configuration file`);
  }
  return { ...parseConfig(text, path), path, baseDir: dirname(path) };
}
