// The escalation part of punchlist.yaml (docs/escalation.md lists every key with its default):
// the working calendar business-hours windows count on, level policy that adds to (or replaces)
// the document's matrix, where notifications go, and how hard delivery tries.
import { z } from 'zod';
import { SEVERITIES } from '../domain/enums.js';
import { parseHours, weekdayNumber } from '../escalation/calendar.js';
import { parseDuration } from '../escalation/duration.js';
import { isTimeZone } from '../escalation/zoned-time.js';

export const timeZoneSchema = z.string().min(1).max(100).refine(isTimeZone, 'not a time zone this system knows (use an IANA name such as Europe/Berlin, or UTC)');

const duration = z
  .union([z.number().int().nonnegative(), z.string().min(1).max(50)])
  .transform((v, ctx) => {
    if (typeof v === 'number') return v;
    const minutes = parseDuration(v);
    if (minutes === null) {
      ctx.addIssue({ code: 'custom', message: `"${v}" is not a duration (e.g. 30m, 4h, 2d, 1w)` });
      return z.NEVER;
    }
    return minutes;
  });

export const calendarSchema = z.strictObject({
  days: z
    .array(z.string().min(1).max(20))
    .min(1)
    .max(7)
    .default(['mon', 'tue', 'wed', 'thu', 'fri'])
    .transform((days, ctx) =>
      days.map((d) => {
        const n = weekdayNumber(d);
        if (n === null) ctx.addIssue({ code: 'custom', message: `"${d}" is not a weekday (mon, tue, … sun)` });
        return n ?? 0;
      }),
    ),
  hours: z
    .array(z.string().min(1).max(20))
    .min(1)
    .max(24)
    .default(['09:00-17:00'])
    .transform((hours, ctx) =>
      hours
        .map((h) => {
          const range = parseHours(h);
          if (range === null) ctx.addIssue({ code: 'custom', message: `"${h}" is not a range of hours like 09:00-17:00` });
          return range ?? ([0, 1] as [number, number]);
        })
        .sort((a, b) => a[0] - b[0]),
    ),
  holidays: z.array(z.iso.date()).max(10_000).default([]),
});

const channelName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'letters, digits, ".", "_" or "-"');

export const channelSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('slack'), url: z.url() }),
  z.strictObject({ kind: z.literal('discord'), url: z.url() }),
  z.strictObject({ kind: z.literal('webhook'), url: z.url(), secret: z.string().min(16, 'at least 16 characters').max(500) }),
  z.strictObject({ kind: z.literal('email'), to: z.array(z.email()).max(100).default([]) }),
]);

export const configLevelSchema = z.strictObject({
  level: z.number().int().positive().max(100),
  after: duration.optional(),
  businessHours: z.boolean().optional(),
  scope: z.string().max(2_000).optional(),
  severities: z.array(z.enum(SEVERITIES)).optional(),
  phases: z.array(z.string().min(1).max(64)).optional(),
  labels: z.array(z.string().min(1).max(100)).optional(),
  owners: z.array(z.string().min(1).max(200)).optional(),
  contacts: z.array(z.string().min(1).max(200)).optional(),
  channels: z.array(channelName).optional(),
  repeat: duration.optional(),
  resolution: z.string().max(2_000).optional(),
});

export const escalationConfigSchema = z.strictObject({
  /** Windows count working hours on the calendar unless a level says otherwise. */
  businessHours: z.boolean().default(false),
  pauseWhileBlocked: z.boolean().default(true),
  /** created: the clock starts when the issue is created; due: at its due date, else its ETA, else creation. */
  clockStart: z.enum(['created', 'due']).default('due'),
  levels: z.array(configLevelSchema).max(100).default([]),
  channels: z.record(channelName, channelSchema).default({}),
  /** Channels for levels that name none (a Markdown matrix names none). */
  defaultChannels: z.array(channelName).max(100).default([]),
  /** E-mail addresses of the contacts a matrix names ("Lead Developer": lead@example.com). */
  contacts: z.record(z.string().min(1).max(200), z.email()).default({}),
  smtp: z
    .strictObject({
      host: z.string().min(1).max(500),
      port: z.number().int().positive().max(65_535).default(587),
      secure: z.boolean().default(false),
      user: z.string().max(500).optional(),
      pass: z.string().max(500).optional(),
      from: z.string().min(3).max(500),
    })
    .optional(),
  delivery: z
    .strictObject({
      timeoutSeconds: z.number().positive().max(300).default(10),
      maxAttempts: z.number().int().positive().max(100).default(6),
      backoffSeconds: z.number().positive().max(86_400).default(30),
      backoffFactor: z.number().min(1).max(10).default(3),
    })
    .default({ timeoutSeconds: 10, maxAttempts: 6, backoffSeconds: 30, backoffFactor: 3 }),
  /** How often `serve` sweeps. */
  sweepSeconds: z.number().int().min(5).max(86_400).default(60),
});

export type CalendarConfig = z.infer<typeof calendarSchema>;
export type ChannelConfig = z.infer<typeof channelSchema>;
export type ConfigLevel = z.infer<typeof configLevelSchema>;
export type EscalationConfig = z.infer<typeof escalationConfigSchema>;

/** `${NAME}` in a string of punchlist.yaml is the environment variable's value: secrets stay out of the file. */
export function expandEnv(value: unknown, env: NodeJS.ProcessEnv, missing: string[]): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
      const v = env[name];
      if (v === undefined) missing.push(name);
      return v ?? '';
    });
  }
  if (Array.isArray(value)) return value.map((v) => expandEnv(v, env, missing));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandEnv(v, env, missing)]));
  }
  return value;
}
