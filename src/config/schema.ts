// punchlist.yaml, as zod sees it. Every key has a default (docs/config.md says which and why),
// so an empty or missing file is a valid configuration.
import { z } from 'zod';
import { SEVERITIES } from '../domain/enums.js';
import { calendarSchema, escalationConfigSchema, timeZoneSchema } from './escalation-schema.js';

export const GROUPING_POLICIES = ['finding', 'rule+file', 'rule+dir', 'file', 'rule'] as const;
export type GroupingPolicy = (typeof GROUPING_POLICIES)[number];

export const OVERWRITE_FIELDS = ['title', 'severity', 'message'] as const;
export type OverwriteField = (typeof OVERWRITE_FIELDS)[number];

const glob = z.string().min(1).max(500);
const oneOrMany = z.union([glob, z.array(glob).min(1).max(100)]).transform((v) => (Array.isArray(v) ? v : [v]));

export const severityRuleSchema = z.strictObject({
  tool: oneOrMany.optional(),
  rule: oneOrMany.optional(),
  level: oneOrMany.optional(),
  path: oneOrMany.optional(),
  severity: z.enum(SEVERITIES),
});

export const scanCommandSchema = z.strictObject({
  name: z.string().min(1).max(100).optional(),
  run: z.string().min(1).max(4_000),
  tool: z.enum(['auto', 'sarif', 'eslint', 'tsc', 'junit', 'coverage', 'npm-audit']).default('auto'),
  /** A file the command writes; without it, what the command prints is ingested. */
  output: z.string().min(1).max(2_000).optional(),
  scope: z.string().min(1).max(200).optional(),
  timeoutSeconds: z.number().int().positive().max(86_400).default(1_800),
  /** Exit codes that mean the tool ran (clean or with findings); default per tool (src/ingest/tool-exit.ts). */
  exitCodes: z.array(z.number().int().min(0).max(255)).min(1).max(256).optional(),
  /** What no output means: a clean run, or a crash; default per tool. */
  emptyOutput: z.enum(['clean', 'crash']).optional(),
});

export const ingestConfigSchema = z.strictObject({
  root: z.string().min(1).max(2_000).optional(),
  scope: z.string().min(1).max(200).default('default'),
  streamThresholdMB: z.number().nonnegative().max(1_000_000).default(0),
  maxFileMB: z.number().positive().max(1_000_000).default(4_096),
  grouping: z.record(z.string().min(1).max(500), z.enum(GROUPING_POLICIES)).default({}),
  severity: z.array(severityRuleSchema).max(1_000).default([]),
  overwrite: z.array(z.enum(OVERWRITE_FIELDS)).default(['title', 'severity', 'message']),
});

export const configSchema = z.looseObject({
  ingest: ingestConfigSchema.default(() => ingestConfigSchema.parse({})),
  scan: z.array(scanCommandSchema).max(100).default([]),
  /** The project's time zone (IANA name); default: the system's. */
  timezone: timeZoneSchema.optional(),
  calendar: calendarSchema.default(() => calendarSchema.parse({})),
  escalation: escalationConfigSchema.default(() => escalationConfigSchema.parse({})),
});

export type SeverityRule = z.infer<typeof severityRuleSchema>;
export type ScanCommand = z.infer<typeof scanCommandSchema>;
export type IngestConfig = z.infer<typeof ingestConfigSchema>;
export type Config = z.infer<typeof configSchema>;
