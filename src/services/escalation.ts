// The escalation sweep (SPEC §8): read the issues whose clocks changed or came due (by index),
// plan each (pure), then in one transaction fire what is due — each (issue, level, repeat) at
// most once, by the unique key — queue its deliveries, log it, and set each issue's next look.
import { type CalendarConfig, calendarSchema, type EscalationConfig, escalationConfigSchema } from '../config/escalation-schema.js';
import { type EscalationRecord, firingKey, type SweepIssue } from '../domain/escalation-port.js';
import { badInput, notFound } from '../domain/errors.js';
import type { Project } from '../domain/model.js';
import type { Store, StoreSession } from '../domain/ports.js';
import { type IssuePlan, planIssue } from '../escalation/plan.js';
import type { IssueClocks, SlaRow } from '../domain/views.js';

export type { IssueClocks, SlaRow } from '../domain/views.js';
import { effectiveLevels, type Policy, policyHash } from '../escalation/policy.js';

export interface EscalationSettings {
  escalation: EscalationConfig;
  calendar: CalendarConfig;
  timezone?: string | undefined;
}

/** Every default: no punchlist.yaml. */
export const defaultEscalationSettings = (): EscalationSettings => ({ escalation: escalationConfigSchema.parse({}), calendar: calendarSchema.parse({}) });

export const systemTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export async function loadPolicy(session: StoreSession, project: Pick<Project, 'id'>, settings: EscalationSettings): Promise<Policy> {
  const { escalation: documentLevels } = await session.sections.load(project.id);
  const e = settings.escalation;
  return {
    levels: effectiveLevels(documentLevels, e.levels, { businessHours: e.businessHours, defaultChannels: e.defaultChannels }),
    calendar: {
      timeZone: settings.timezone ?? systemTimeZone(),
      days: settings.calendar.days,
      hours: settings.calendar.hours,
      holidays: new Set(settings.calendar.holidays),
    },
    pauseWhileBlocked: e.pauseWhileBlocked,
    clockStart: e.clockStart,
  };
}

export interface FiredEscalation {
  issue: string;
  severity: SweepIssue['severity'];
  title: string;
  level: number;
  repeat: number;
  dueAt: string;
  reason: string;
  channels: string[];
  /** False when another sweep fired it first (it then is not this sweep's to deliver). */
  fired: boolean;
}

export interface SweepResult {
  at: string;
  dryRun: boolean;
  examined: number;
  escalated: FiredEscalation[];
  closed: number;
  warnings: string[];
}

const BATCH = 2_000;
// A sweep stops after this many batches; whatever is left waits for the next one.
const MAX_BATCHES = 1_000;
const DRY_RUN_LIMIT = 10_000;

async function planBatch(session: StoreSession, project: Project, policy: Policy, issues: SweepIssue[], nowMs: number) {
  const history = policy.pauseWhileBlocked ? await session.escalations.statusHistory(project.id, issues.map((i) => i.key)) : new Map();
  const fired = await session.escalations.fired(issues.map((i) => i.id));
  return issues.map((issue) => {
    const records = fired.get(issue.id) ?? [];
    return { issue, records, plan: planIssue(issue, history.get(issue.key) ?? [], policy, records, nowMs) };
  });
}

export async function sweep(
  store: Store,
  project: Project,
  settings: EscalationSettings,
  options: { now?: Date; dryRun?: boolean; actor?: string } = {},
): Promise<SweepResult> {
  const now = options.now ?? new Date();
  const at = now.toISOString();
  const policy = await loadPolicy(store, project, settings);
  const channels = settings.escalation.channels;
  const warnings: string[] = [];
  for (const level of policy.levels) {
    for (const name of level.channels) {
      const channel = channels[name];
      if (!channel) warnings.push(`level ${level.level}: channel "${name}" is not defined under escalation.channels in punchlist.yaml`);
      else if (channel.kind === 'email' && !settings.escalation.smtp) warnings.push(`level ${level.level}: channel "${name}" is e-mail, but escalation.smtp is not configured`);
    }
  }
  const deliverable = (names: readonly string[]) =>
    names.flatMap((name) => {
      const c = channels[name];
      return c && (c.kind !== 'email' || settings.escalation.smtp) ? [{ channel: name, kind: c.kind }] : [];
    });
  const result: SweepResult = { at, dryRun: Boolean(options.dryRun), examined: 0, escalated: [], closed: 0, warnings };

  const hash = policyHash(policy);
  if (options.dryRun) {
    // Under a changed policy every open issue may be due; otherwise only the scheduled ones.
    const changed = (await store.escalations.policyHash(project.id)) !== hash;
    const issues = changed ? await store.escalations.openIssues(project.id, 0, DRY_RUN_LIMIT) : await store.escalations.candidates(project.id, at, DRY_RUN_LIMIT);
    if (issues.length === DRY_RUN_LIMIT) warnings.push(`dry run: looked at the first ${DRY_RUN_LIMIT} issues only`);
    const planned = await planBatch(store, project, policy, issues, now.getTime());
    result.examined = issues.length;
    for (const { issue, plan } of planned) result.escalated.push(...describe(issue, plan, policy, true));
    return result;
  }
  if ((await store.escalations.policyHash(project.id)) !== hash) {
    await store.write(async (tx) => {
      await tx.escalations.rescheduleAll(project.id);
      await tx.escalations.setPolicyHash(project.id, hash, at);
    });
  }

  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const issues = await store.escalations.candidates(project.id, at, BATCH);
    if (issues.length === 0) break;
    const planned = await planBatch(store, project, policy, issues, now.getTime());
    result.examined += issues.length;
    // One transaction per batch, a few statements per few hundred rows: the schedules, then the
    // firings (exactly once by the unique key: only those this sweep inserted get deliveries and
    // an event), their deliveries, and the log.
    await store.write(async (tx) => {
      // The version check makes a concurrent edit win: the issue stays marked and is looked at again.
      const scheduled = await tx.escalations.scheduleMany(planned.map(({ issue, plan }) => ({ issueId: issue.id, version: issue.version, nextAt: plan.nextAt })));
      const mine = planned.filter(({ issue }) => scheduled.has(issue.id));
      // Resolved by a path that does not close them itself (an ingest): close them now.
      const closedIds = mine.filter(({ issue, records }) => !isOpen(issue) && records.some((r) => r.closedAt === null)).map(({ issue }) => issue.id);
      const due = mine.flatMap(({ issue, plan }) => describe(issue, plan, policy, false).map((f) => ({ issue, f })));
      const ids = await tx.escalations.fire(
        project.id,
        due.map(({ issue, f }) => ({ issueId: issue.id, issueKey: issue.key, level: f.level, repeat: f.repeat, dueAt: f.dueAt, firedAt: at, reason: f.reason })),
      );
      const deliveries: { escalationId: number; channel: string; kind: string }[] = [];
      const events: Parameters<typeof tx.events.append>[1][number][] = [];
      for (const { issue, f } of due) {
        const id = ids.get(firingKey({ issueId: issue.id, level: f.level, repeat: f.repeat }));
        f.fired = id !== undefined;
        result.escalated.push(f);
        if (id === undefined) continue;
        const level = policy.levels.find((l) => l.level === f.level);
        for (const d of deliverable(level?.channels ?? [])) deliveries.push({ escalationId: id, ...d });
        events.push({
          actor: options.actor ?? 'escalation',
          at,
          action: 'escalation.fired',
          entity: 'issue',
          entityKey: issue.key,
          data: { level: f.level, repeat: f.repeat, dueAt: f.dueAt, reason: f.reason, channels: f.channels },
        });
      }
      await tx.escalations.addDeliveries(project.id, deliveries, at);
      await tx.events.append(project.id, events);
      if (closedIds.length > 0) result.closed += await tx.escalations.closeForIssues(closedIds, at);
    });
    if (issues.length < BATCH) break;
  }
  return result;
}

const isOpen = (issue: SweepIssue): boolean => issue.status !== 'resolved' && issue.status !== 'wont_fix';

function describe(issue: SweepIssue, plan: IssuePlan, policy: Policy, fired: boolean): FiredEscalation[] {
  return plan.fire.map((f) => ({
    issue: issue.key,
    severity: issue.severity,
    title: issue.title,
    level: f.level,
    repeat: f.repeat,
    dueAt: f.dueAt,
    reason: f.reason,
    channels: policy.levels.find((l) => l.level === f.level)?.channels ?? [],
    fired,
  }));
}

/** Where each level's clock of one issue stands now (`issue show`, the API). */
export async function issueClocks(session: StoreSession, project: Project, key: string, settings: EscalationSettings, now = new Date()): Promise<IssueClocks> {
  const issue = await session.escalations.issue(project.id, key);
  if (!issue) throw notFound(`issue: no issue "${key}" in project ${project.key}`);
  const policy = await loadPolicy(session, project, settings);
  const [planned] = await planBatch(session, project, policy, [issue], now.getTime());
  return { key, clocks: planned!.plan.clocks, escalations: planned!.records };
}

/**
 * Open issues by time to breach: the scheduled ones by index (soonest first) plus any not yet
 * looked at, each planned now. Overdue levels sort first, most overdue first.
 */
export async function slaList(session: StoreSession, project: Project, settings: EscalationSettings, options: { limit: number; now?: Date }): Promise<SlaRow[]> {
  const now = options.now ?? new Date();
  const policy = await loadPolicy(session, project, settings);
  const [upcoming, unplanned, overdue] = await Promise.all([
    session.escalations.upcoming(project.id, options.limit),
    session.escalations.candidates(project.id, '', options.limit),
    session.escalations.list(project.id, { open: true, limit: options.limit }),
  ]);
  const byId = new Map<number, SweepIssue>();
  for (const i of [...upcoming, ...unplanned]) if (isOpen(i)) byId.set(i.id, i);
  for (const e of overdue) {
    if (byId.has(e.issueId)) continue;
    const i = await session.escalations.issue(project.id, e.issueKey);
    if (i && isOpen(i)) byId.set(i.id, i);
  }
  const planned = await planBatch(session, project, policy, [...byId.values()], now.getTime());
  const rows: SlaRow[] = [];
  for (const { issue, plan } of planned) {
    if (plan.clocks.length === 0) continue;
    const pending = plan.clocks.filter((c) => !c.breached);
    const breached = plan.clocks.filter((c) => c.breached);
    const pick = breached.length > 0 ? breached[breached.length - 1]! : pending.sort((a, b) => a.leftMinutes - b.leftMinutes)[0]!;
    rows.push({
      key: issue.key,
      severity: issue.severity,
      status: issue.status,
      title: issue.title,
      owner: issue.owner,
      level: pick.level,
      breachAt: pick.breachAt,
      leftMinutes: pick.leftMinutes,
      paused: pick.paused,
      acknowledged: pick.acknowledged,
    });
  }
  return rows.sort((a, b) => a.leftMinutes - b.leftMinutes || a.key.localeCompare(b.key)).slice(0, options.limit);
}

/** `ack KEY [--level N]`: stops the repeats of the issue's escalations, in the log. */
export async function acknowledge(store: Store, project: Project, key: string, level: number | null, ctx: { actor: string; at?: string }): Promise<EscalationRecord[]> {
  return store.write(async (tx) => {
    const issue = await tx.escalations.issue(project.id, key);
    if (!issue) throw notFound(`ack: no issue "${key}" in project ${project.key}`);
    const at = ctx.at ?? new Date().toISOString();
    const acked = await tx.escalations.acknowledge(issue.id, level, ctx.actor, at);
    if (acked.length === 0) {
      const fired = (await tx.escalations.fired([issue.id])).get(issue.id) ?? [];
      const which = level === null ? 'no escalation' : `no escalation at level ${level}`;
      throw badInput(`ack: ${key} has ${which} waiting for acknowledgement${fired.length ? ` (levels fired: ${[...new Set(fired.map((f) => f.level))].join(', ')}, all acknowledged)` : ''}`);
    }
    const levels = [...new Set(acked.map((a) => a.level))].sort((a, b) => a - b);
    await tx.events.append(project.id, [
      { actor: ctx.actor, at, action: 'escalation.acknowledged', entity: 'issue', entityKey: key, data: { levels, escalations: acked.length } },
    ]);
    // Acknowledging changes what is scheduled (no more repeats): look again at the next sweep.
    await tx.escalations.schedule(issue.id, issue.version, at);
    return acked;
  });
}
