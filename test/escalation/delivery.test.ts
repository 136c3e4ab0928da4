// Delivery against real receivers on loopback: retries with backoff, a timeout, a dead
// delivery that stays visible, Slack/Discord/signed payloads, e-mail to an SMTP sink, and no
// URL or secret in anything we print or store.
import { afterEach, describe, expect, it } from 'vitest';
import { createSender } from '../../src/delivery/send.js';
import type { Store } from '../../src/domain/ports.js';
import { verifySignature } from '../../src/escalation/payloads.js';
import { deliverDue } from '../../src/services/escalation-delivery.js';
import { type EscalationSettings, sweep } from '../../src/services/escalation.js';
import { applyDocument } from '../../src/services/project-document.js';
import { buildDocument, buildIssue } from '../support/builders.js';
import { sqliteFactory } from '../support/stores.js';
import { alwaysFail, failTwiceThenSucceed, hang, httpReceiver, type Receiver, smtpSink } from './receivers.js';
import { settingsFrom } from './settings.js';

const SECRET = 'whsec_0123456789abcdef0123';
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

async function receiver(behave: Parameters<typeof httpReceiver>[0]): Promise<Receiver> {
  const r = await httpReceiver(behave);
  cleanup.push(() => r.close());
  return r;
}

async function storeWithBreach(): Promise<Store> {
  const store = await sqliteFactory().open();
  cleanup.push(() => store.close());
  await applyDocument(
    store,
    buildDocument({
      issues: [buildIssue({ key: 'B001', title: 'Checkout <@everyone> fails', severity: 'critical', owner: 'Ann', createdAt: '2026-11-23T09:00:00.000Z' })],
      escalation: [{ level: 1, afterMinutes: 60, scope: 'blockers', severities: ['critical'], contacts: ['Lead Developer'], resolution: 'immediate hotfix', businessHours: false, phases: [], labels: [], owners: [], channels: [], repeatMinutes: null }],
    }),
    { actor: 'test' },
  );
  return store;
}

/** Runs delivery passes on a fake clock that jumps to each retry, as `serve` would over time. */
async function deliverUntilSettled(store: Store, settings: EscalationSettings, start: Date, timeoutMs = 2_000) {
  const send = createSender({ timeoutMs, smtp: settings.escalation.smtp });
  let now = start;
  const outcomes = [];
  for (let round = 0; round < 10; round++) {
    outcomes.push(...(await deliverDue(store, settings, send, { now: () => now })));
    const next = await store.escalations.nextDeliveryAt();
    if (next === null) break;
    now = new Date(next);
  }
  return outcomes;
}

const yaml = (channels: string, extra = '') => `
escalation:
  defaultChannels: [hook]
  channels:
${channels}
  delivery: { timeoutSeconds: 0.5, maxAttempts: 4, backoffSeconds: 10, backoffFactor: 2 }
${extra}`;

describe('delivering escalations', () => {
  it('retries a receiver that fails twice, with backoff, and records every attempt', async () => {
    const r = await receiver(failTwiceThenSucceed);
    const settings = settingsFrom(yaml(`    hook: { kind: slack, url: "${r.url}" }`));
    const store = await storeWithBreach();
    const project = (await store.projects.get('TW'))!;
    await sweep(store, project, settings, { now: new Date('2026-11-23T11:00:00Z') });
    const outcomes = await deliverUntilSettled(store, settings, new Date('2026-11-23T11:00:00Z'));
    expect(outcomes.map((o) => [o.attempt, o.outcome, o.code, o.state])).toEqual([
      [1, 'failed', 503, 'retrying'],
      [2, 'failed', 503, 'retrying'],
      [3, 'delivered', 200, 'delivered'],
    ]);
    // Backoff: 10 s, then 20 s.
    expect(outcomes.map((o) => o.nextAttemptAt)).toEqual(['2026-11-23T11:00:10.000Z', '2026-11-23T11:00:30.000Z', null]);
    const [view] = await store.escalations.list(project.id);
    const attempts = await store.escalations.attempts(view!.deliveries[0]!.id);
    expect(attempts.map((a) => [a.outcome, a.code])).toEqual([['failed', 503], ['failed', 503], ['delivered', 200]]);
    const slack = JSON.parse(r.received[2]!.body);
    expect(slack.text).toBe(':rotating_light: TW B001 escalated to level 1: Checkout <@everyone> fails');
    expect(slack.blocks[0].text.text).toContain('Expected resolution: immediate hotfix');
    expect(await store.escalations.list(project.id, { failed: true })).toEqual([]);
  });

  it('gives up on a receiver that hangs, after the timeout each time, and shows it as dead without its URL', async () => {
    const r = await receiver(hang);
    const settings = settingsFrom(yaml(`    hook: { kind: discord, url: "${r.url}" }`));
    const store = await storeWithBreach();
    const project = (await store.projects.get('TW'))!;
    await sweep(store, project, settings, { now: new Date('2026-11-23T11:00:00Z') });
    const outcomes = await deliverUntilSettled(store, settings, new Date('2026-11-23T11:00:00Z'), 300);
    expect(outcomes.map((o) => [o.outcome, o.state])).toEqual([
      ['timeout', 'retrying'],
      ['timeout', 'retrying'],
      ['timeout', 'retrying'],
      ['timeout', 'dead'],
    ]);
    const failed = await store.escalations.list(project.id, { failed: true });
    expect(failed[0]!.deliveries[0]).toMatchObject({ state: 'dead', attempts: 4, lastError: 'no answer within 300 ms' });
    const discord = JSON.parse(r.received[0]!.body);
    expect(discord).toMatchObject({ content: 'TW B001 escalated to level 1: Checkout <@everyone> fails', allowed_mentions: { parse: [] } });
  });

  it('marks a receiver that answers 500 forever dead after maxAttempts, and never stores or prints its URL', async () => {
    const r = await receiver(alwaysFail);
    const settings = settingsFrom(yaml(`    hook: { kind: webhook, url: "${r.url}", secret: "${SECRET}" }`));
    const store = await storeWithBreach();
    const project = (await store.projects.get('TW'))!;
    await sweep(store, project, settings, { now: new Date('2026-11-23T11:00:00Z') });
    const outcomes = await deliverUntilSettled(store, settings, new Date('2026-11-23T11:00:00Z'));
    expect(outcomes.map((o) => [o.code, o.state])).toEqual([[500, 'retrying'], [500, 'retrying'], [500, 'retrying'], [500, 'dead']]);
    expect(r.received).toHaveLength(4);
    const everything = JSON.stringify([outcomes, await store.escalations.list(project.id, { failed: true }), await store.events.list(project.id)]);
    expect(everything).not.toContain('SECRET-TOKEN-PATH');
    expect(everything).not.toContain(SECRET);
  });

  it('signs the generic payload so a receiver can verify it', async () => {
    const r = await receiver((_n, res) => res.end('ok'));
    const settings = settingsFrom(yaml(`    hook: { kind: webhook, url: "${r.url}", secret: "${SECRET}" }`));
    const store = await storeWithBreach();
    const project = (await store.projects.get('TW'))!;
    await sweep(store, project, settings, { now: new Date('2026-11-23T11:00:00Z') });
    await deliverUntilSettled(store, settings, new Date('2026-11-23T11:00:00Z'));
    const { headers, body } = r.received[0]!;
    const header = String(headers['x-punchlist-signature']);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const t = Number(/t=(\d+)/.exec(header)![1]);
    expect(verifySignature(SECRET, body, header, t)).toBe(true);
    expect(verifySignature(SECRET, body.replace('B001', 'B002'), header, t)).toBe(false);
    expect(verifySignature('another-secret-of-length', body, header, t)).toBe(false);
    expect(verifySignature(SECRET, body, header, t + 3_600)).toBe(false); // replayed an hour later
    expect(JSON.parse(body)).toMatchObject({
      type: 'punchlist.escalation',
      id: 'TW:B001:1:0',
      project: { key: 'TW' },
      issue: { key: 'B001', severity: 'critical', owner: 'Ann' },
      level: 1,
      repeat: 0,
      dueAt: '2026-11-23T10:00:00.000Z',
      contacts: ['Lead Developer'],
      resolution: 'immediate hotfix',
    });
    expect(headers['x-punchlist-delivery']).toBe('TW:B001:1:0');
  });

  it('e-mails the channel and the mapped contacts through SMTP', async () => {
    const sink = await smtpSink();
    cleanup.push(() => sink.close());
    const settings = settingsFrom(
      yaml(
        `    hook: { kind: email, to: [oncall@example.com] }`,
        `  contacts: { "Lead Developer": lead@example.com }\n  smtp: { host: 127.0.0.1, port: ${sink.port}, from: punchlist@example.com }`,
      ),
    );
    const store = await storeWithBreach();
    const project = (await store.projects.get('TW'))!;
    await sweep(store, project, settings, { now: new Date('2026-11-23T11:00:00Z') });
    const outcomes = await deliverUntilSettled(store, settings, new Date('2026-11-23T11:00:00Z'));
    expect(outcomes.map((o) => [o.kind, o.state, o.code])).toEqual([['email', 'delivered', 250]]);
    expect(sink.mails).toHaveLength(1);
    expect(sink.mails[0]!.to.sort()).toEqual(['lead@example.com', 'oncall@example.com']);
    expect(sink.mails[0]!.data).toContain('Subject: [punchlist] TW B001 escalated to level 1');
  });

  it('two delivery passes at once send each delivery once', async () => {
    const r = await receiver((_n, res) => setTimeout(() => res.end('ok'), 50));
    const settings = settingsFrom(yaml(`    hook: { kind: slack, url: "${r.url}" }`));
    const store = await storeWithBreach();
    const project = (await store.projects.get('TW'))!;
    await sweep(store, project, settings, { now: new Date('2026-11-23T11:00:00Z') });
    const send = createSender({ timeoutMs: 2_000 });
    const now = () => new Date('2026-11-23T11:00:00Z');
    const [a, b] = await Promise.all([deliverDue(store, settings, send, { now }), deliverDue(store, settings, send, { now })]);
    expect(a.length + b.length).toBe(1);
    expect(r.received).toHaveLength(1);
  });
});
