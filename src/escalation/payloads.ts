// What an escalation looks like on the wire: Slack- and Discord-compatible webhook bodies, a
// generic JSON event signed with HMAC-SHA256 (`X-Punchlist-Signature: t=<unix seconds>,v1=<hex>`
// over "<t>.<body>", as Stripe does), and an e-mail. Pure: the sender does the I/O.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Severity, Status } from '../domain/enums.js';
import { SEVERITY_LABEL } from '../domain/enums.js';

export interface EscalationEvent {
  type: 'punchlist.escalation';
  id: string;
  project: { key: string; name: string };
  issue: { key: string; title: string; severity: Severity; status: Status; owner: string | null };
  level: number;
  repeat: number;
  dueAt: string;
  firedAt: string;
  reason: string;
  contacts: string[];
  resolution: string | null;
}

export type Outgoing =
  | { kind: 'http'; url: string; headers: Record<string, string>; body: string }
  | { kind: 'mail'; to: string[]; subject: string; text: string };

export function headline(e: EscalationEvent): string {
  const again = e.repeat > 0 ? ` (reminder ${e.repeat}, not acknowledged)` : '';
  return `${e.project.key} ${e.issue.key} escalated to level ${e.level}${again}: ${e.issue.title}`;
}

function lines(e: EscalationEvent): string[] {
  return [
    `Severity: ${SEVERITY_LABEL[e.issue.severity]} · status ${e.issue.status} · owner ${e.issue.owner ?? 'nobody'}`,
    `Why: ${e.reason}`,
    ...(e.contacts.length ? [`Contacts: ${e.contacts.join(', ')}`] : []),
    ...(e.resolution ? [`Expected resolution: ${e.resolution}`] : []),
    `Acknowledge: punchlist ack ${e.issue.key} --level ${e.level}`,
  ];
}

/** Slack incoming webhooks: `text` (the notification) and one mrkdwn section. */
export function slackBody(e: EscalationEvent): unknown {
  const text = `:rotating_light: ${headline(e)}`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: [`*${text}*`, ...lines(e)].join('\n') } }] };
}

const DISCORD_COLOURS: Record<Severity, number> = { critical: 0xd32f2f, major: 0xf57c00, medium: 0xfbc02d, minor: 0x1976d2 };

/** Discord webhooks: `content` and one embed; no mentions are parsed out of issue text. */
export function discordBody(e: EscalationEvent): unknown {
  return {
    content: headline(e).slice(0, 2_000),
    embeds: [{ title: `${e.issue.key}: ${e.issue.title}`.slice(0, 256), description: lines(e).join('\n').slice(0, 4_096), color: DISCORD_COLOURS[e.issue.severity], timestamp: e.firedAt }],
    allowed_mentions: { parse: [] },
  };
}

export function sign(secret: string, body: string, timestamp: number): string {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${v1}`;
}

/** The check a receiver makes (docs/escalation.md shows the same in a few lines). */
export function verifySignature(secret: string, body: string, header: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds || typeof parts.v1 !== 'string') return false;
  const expected = Buffer.from(sign(secret, body, t).split('v1=')[1]!, 'hex');
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export type ChannelTarget =
  | { kind: 'slack' | 'discord'; url: string }
  | { kind: 'webhook'; url: string; secret: string }
  | { kind: 'email'; to: string[] };

export function outgoing(e: EscalationEvent, target: ChannelTarget, nowMs: number): Outgoing {
  const json = { 'content-type': 'application/json', 'user-agent': 'punchlist-escalation' };
  switch (target.kind) {
    case 'slack':
      return { kind: 'http', url: target.url, headers: json, body: JSON.stringify(slackBody(e)) };
    case 'discord':
      return { kind: 'http', url: target.url, headers: json, body: JSON.stringify(discordBody(e)) };
    case 'webhook': {
      const body = JSON.stringify(e);
      return {
        kind: 'http',
        url: target.url,
        headers: { ...json, 'x-punchlist-event': 'escalation', 'x-punchlist-delivery': e.id, 'x-punchlist-signature': sign(target.secret, body, Math.floor(nowMs / 1000)) },
        body,
      };
    }
    case 'email':
      return { kind: 'mail', to: target.to, subject: `[punchlist] ${headline(e)}`.slice(0, 300), text: [headline(e), '', ...lines(e)].join('\n') };
  }
}

/** A webhook URL as it may be shown: scheme and host, the rest (which carries the token) hidden. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}/***`;
  } catch {
    return '***';
  }
}

/** Replaces every secret (URLs, signing secrets, passwords) found in `text`. */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    if (s.length < 4) continue;
    out = out.split(s).join(s.startsWith('http') ? maskUrl(s) : '***');
  }
  return out;
}
