// Delivering fired escalations: take each due delivery (a conditional update is the claim, so
// two processes never send the same one), build its message, send it through the injected
// sender, and record the attempt. A failure is retried with exponential backoff; after
// `maxAttempts` the delivery is dead, and `escalations --failed`, the API and metrics show it.
import type { ChannelConfig } from '../config/escalation-schema.js';
import type { DeliveryJob, DeliveryState } from '../domain/escalation-port.js';
import type { Store } from '../domain/ports.js';
import { type ChannelTarget, type EscalationEvent, maskSecrets, outgoing } from '../escalation/payloads.js';
import type { Level } from '../escalation/policy.js';
import { type EscalationSettings, loadPolicy } from './escalation.js';

export interface SendResult {
  outcome: 'delivered' | 'failed' | 'timeout';
  code: number | null;
  error: string | null;
}
export type Send = (message: ReturnType<typeof outgoing>) => Promise<SendResult>;

export interface DeliveryOutcome {
  delivery: number;
  project: string;
  issue: string;
  level: number;
  repeat: number;
  channel: string;
  kind: string;
  attempt: number;
  outcome: SendResult['outcome'];
  code: number | null;
  error: string | null;
  state: DeliveryState;
  nextAttemptAt: string | null;
}

/** Every secret punchlist.yaml gives escalation: masked wherever text leaves the process. */
export function escalationSecrets(settings: EscalationSettings): string[] {
  const out: string[] = [];
  for (const c of Object.values(settings.escalation.channels)) {
    if (c.kind !== 'email') out.push(c.url);
    if (c.kind === 'webhook') out.push(c.secret);
  }
  if (settings.escalation.smtp?.pass) out.push(settings.escalation.smtp.pass);
  return out.sort((a, b) => b.length - a.length);
}

function target(channel: ChannelConfig, level: Level | undefined, settings: EscalationSettings): ChannelTarget {
  if (channel.kind !== 'email') return channel;
  const contacts = (level?.contacts ?? []).flatMap((c) => {
    const mapped = settings.escalation.contacts[c];
    return mapped ? [mapped] : /^[^\s@]+@[^\s@]+$/.test(c) ? [c] : [];
  });
  return { kind: 'email', to: [...new Set([...channel.to, ...contacts])] };
}

function eventOf(job: DeliveryJob, level: Level | undefined): EscalationEvent {
  const e = job.escalation;
  return {
    type: 'punchlist.escalation',
    id: `${job.project.key}:${e.issueKey}:${e.level}:${e.repeat}`,
    project: { key: job.project.key, name: job.project.name },
    issue: job.issue,
    level: e.level,
    repeat: e.repeat,
    dueAt: e.dueAt,
    firedAt: e.firedAt,
    reason: e.reason,
    contacts: level?.contacts ?? [],
    resolution: level?.resolution ?? null,
  };
}

export async function deliverDue(
  store: Store,
  settings: EscalationSettings,
  send: Send,
  options: { now?: () => Date; limit?: number } = {},
): Promise<DeliveryOutcome[]> {
  const now = options.now ?? (() => new Date());
  const d = settings.escalation.delivery;
  const secrets = escalationSecrets(settings);
  const levels = new Map<number, Level[]>();
  const outcomes: DeliveryOutcome[] = [];
  const ids = await store.escalations.dueDeliveries(now().toISOString(), options.limit ?? 500);
  for (const id of ids) {
    const claimedAt = now();
    // The lease outlives the attempt's timeout, so a process that dies mid-send frees it.
    const leaseUntil = new Date(claimedAt.getTime() + d.timeoutSeconds * 2_000 + 5_000).toISOString();
    const job = await store.write((tx) => tx.escalations.claimDelivery(id, claimedAt.toISOString(), leaseUntil));
    if (!job) continue;
    if (!levels.has(job.project.id)) levels.set(job.project.id, (await loadPolicy(store, { id: job.project.id }, settings)).levels);
    const level = levels.get(job.project.id)!.find((l) => l.level === job.escalation.level);
    const channel = settings.escalation.channels[job.delivery.channel];
    const started = Date.now();
    const result: SendResult = channel
      ? await send(outgoing(eventOf(job, level), target(channel, level, settings), now().getTime()))
      : { outcome: 'failed', code: null, error: `channel "${job.delivery.channel}" is no longer defined in punchlist.yaml` };
    const attempt = job.delivery.attempts + 1;
    const error = result.error === null ? null : maskSecrets(result.error, secrets);
    const dead = result.outcome !== 'delivered' && (attempt >= d.maxAttempts || !channel);
    const state: DeliveryState = result.outcome === 'delivered' ? 'delivered' : dead ? 'dead' : 'retrying';
    const at = now();
    const nextAttemptAt =
      state === 'retrying' ? new Date(at.getTime() + d.backoffSeconds * 1_000 * d.backoffFactor ** (attempt - 1)).toISOString() : null;
    await store.write((tx) =>
      tx.escalations.recordAttempt(id, { at: at.toISOString(), outcome: result.outcome, code: result.code, error, ms: Date.now() - started }, { state, nextAttemptAt }),
    );
    outcomes.push({
      delivery: id,
      project: job.project.key,
      issue: job.escalation.issueKey,
      level: job.escalation.level,
      repeat: job.escalation.repeat,
      channel: job.delivery.channel,
      kind: job.delivery.kind,
      attempt,
      outcome: result.outcome,
      code: result.code,
      error,
      state,
      nextAttemptAt,
    });
  }
  return outcomes;
}
