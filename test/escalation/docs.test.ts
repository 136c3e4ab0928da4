// docs/escalation.md's claims that are code: the verification snippet runs against a real signed
// delivery, and the punchlist.yaml example is accepted as written.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { outgoing } from '../../src/escalation/payloads.js';
import { ROOT } from '../support/paths.js';

const doc = readFileSync(join(ROOT, 'docs/escalation.md'), 'utf8');
const block = (lang: string, containing: string): string => {
  const found = [...doc.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!).find((b) => b.includes(containing));
  if (!found) throw new Error(`no ${lang} block with ${containing}`);
  return found;
};

describe('docs/escalation.md', () => {
  it('its verification snippet accepts our signature and refuses a changed body or secret', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'punchlist-doc-')), 'verify.mjs');
    writeFileSync(file, block('js', 'verifyPunchlist'));
    const { verifyPunchlist } = (await import(pathToFileURL(file).href)) as { verifyPunchlist: (s: string, b: string, h: string) => boolean };
    const secret = 'whsec_0123456789abcdef';
    const event = JSON.parse(block('json', 'punchlist.escalation').replace('"…"', '"Checkout fails"'));
    const message = outgoing(event, { kind: 'webhook', url: 'https://example.com/hook', secret }, Date.now());
    if (message.kind !== 'http') throw new Error('expected an HTTP message');
    const header = message.headers['x-punchlist-signature']!;
    expect(verifyPunchlist(secret, message.body, header)).toBe(true);
    expect(verifyPunchlist(secret, message.body.replace('B001', 'B002'), header)).toBe(false);
    expect(verifyPunchlist('whsec_another_secret_00', message.body, header)).toBe(false);
    const old = header.replace(/t=\d+/, `t=${Math.floor(Date.now() / 1000) - 3_600}`);
    expect(verifyPunchlist(secret, message.body, old)).toBe(false);
  });

  it('its punchlist.yaml example is valid as written', () => {
    process.env.SLACK_WEBHOOK_URL = 'https://hooks.slack.com/services/T/B/X';
    process.env.DISCORD_WEBHOOK_URL = 'https://discord.com/api/webhooks/1/x';
    process.env.PUNCHLIST_WEBHOOK_SECRET = 'whsec_0123456789abcdef';
    process.env.SMTP_PASSWORD = 'pw';
    const { config, warnings } = parseConfig(block('yaml', 'escalation:'));
    expect(warnings).toEqual([]);
    expect(config.escalation.levels.map((l) => [l.level, l.after, l.repeat ?? null])).toEqual([[1, 240, 60], [2, 2880, null]]);
    expect(config.calendar.holidays).toEqual(['2026-12-25', '2026-12-26']);
    expect(config.escalation.delivery).toEqual({ timeoutSeconds: 10, maxAttempts: 6, backoffSeconds: 30, backoffFactor: 3 });
  });
});
