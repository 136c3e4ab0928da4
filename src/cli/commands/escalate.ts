// Escalation from the command line: one sweep (`escalate`), acknowledgements (`ack`), the open
// issues by time to breach (`sla`) and what fired and how delivery went (`escalations`).
import { type Command, Option } from 'commander';
import { loadConfig } from '../../config/load.js';
import { createSender } from '../../delivery/send.js';
import { SEVERITY_LABEL } from '../../domain/enums.js';
import { badInput } from '../../domain/errors.js';
import type { EscalationView } from '../../domain/escalation-port.js';
import { formatMinutes } from '../../escalation/duration.js';
import { acknowledge, type EscalationSettings, slaList, sweep } from '../../services/escalation.js';
import { type DeliveryOutcome, deliverDue } from '../../services/escalation-delivery.js';
import type { CliContext } from '../context.js';

export function escalationSettings(ctx: CliContext, configPath?: string): EscalationSettings {
  const loaded = loadConfig(process.cwd(), configPath);
  for (const w of loaded.warnings) ctx.out.warn(`punchlist: ${w}`);
  return { escalation: loaded.config.escalation, calendar: loaded.config.calendar, timezone: loaded.config.timezone };
}

export function parseInstant(text: string, flag: string): Date {
  const ok = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(text);
  const ms = Date.parse(text);
  if (!ok || Number.isNaN(ms)) throw badInput(`${flag}: "${text}" is not a time (e.g. 2026-11-25T14:00:00Z or 2026-11-25)`);
  return new Date(ms);
}

function positive(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw badInput(`${flag}: "${value}" is not a non-negative number`);
  return n;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function deliveryLine(d: DeliveryOutcome): string {
  const code = d.code !== null ? ` ${d.code}` : '';
  const what = `${d.issue} level ${d.level}${d.repeat ? ` (repeat ${d.repeat})` : ''} → ${d.channel} (${d.kind})`;
  if (d.state === 'delivered') return `Delivered ${what}${code}`;
  const why = `${d.outcome}${code}${d.error ? `: ${d.error}` : ''}`;
  return d.state === 'dead' ? `Dead ${what} after ${d.attempt} attempts: ${why}` : `Retrying ${what} at ${d.nextAttemptAt} (attempt ${d.attempt} ${why})`;
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('escalate')
    .description('one escalation sweep: fire what is overdue (each issue, level and repeat once), then deliver')
    .option('--dry-run', 'say what would escalate; write and send nothing')
    .option('--at <time>', 'sweep as if it were this time (ISO 8601)')
    .addOption(new Option('--wait <seconds>', 'keep retrying failed deliveries due within this many seconds').default(0).argParser((v) => positive(v, '--wait')))
    .option('--config <file>', 'punchlist.yaml to use (default: found walking up)')
    .action(async (o: { dryRun?: boolean; at?: string; wait: number; config?: string }) => {
      const settings = escalationSettings(ctx, o.config);
      const startedAt = o.at !== undefined ? parseInstant(o.at, '--at') : new Date();
      const realStart = Date.now();
      const now = () => new Date(startedAt.getTime() + (Date.now() - realStart));
      const store = await ctx.store();
      const project = await ctx.project(store);
      const result = await sweep(store, project, settings, { now: startedAt, dryRun: Boolean(o.dryRun), actor: ctx.actor() });
      const deliveries: DeliveryOutcome[] = [];
      if (!o.dryRun) {
        const send = createSender({ timeoutMs: settings.escalation.delivery.timeoutSeconds * 1_000, smtp: settings.escalation.smtp });
        deliveries.push(...(await deliverDue(store, settings, send, { now })));
        const deadline = now().getTime() + o.wait * 1_000;
        for (;;) {
          const next = await store.escalations.nextDeliveryAt();
          if (next === null || Date.parse(next) > deadline) break;
          await sleep(Math.max(0, Date.parse(next) - now().getTime()) + 5);
          deliveries.push(...(await deliverDue(store, settings, send, { now })));
        }
      }
      if (ctx.json) return ctx.out.json({ ...result, deliveries });
      for (const w of result.warnings) ctx.out.warn(`punchlist: ${w}`);
      const verb = o.dryRun ? 'Would escalate' : 'Escalated';
      for (const e of result.escalated) {
        if (!e.fired && !o.dryRun) continue;
        const repeat = e.repeat ? ` (repeat ${e.repeat})` : '';
        const to = e.channels.length ? ` → ${e.channels.join(', ')}` : ' (no channel)';
        ctx.out.print(`${verb} ${e.issue} (${SEVERITY_LABEL[e.severity]}) to level ${e.level}${repeat}: ${e.reason}${to}`);
      }
      for (const d of deliveries) ctx.out.print(deliveryLine(d));
      const fired = result.escalated.filter((e) => e.fired || o.dryRun).length;
      if (fired === 0) ctx.out.print(`Nothing to escalate at ${result.at} (${result.examined} issue(s) looked at).`);
      if (result.closed > 0) ctx.out.print(`Closed ${result.closed} escalation(s) of resolved issues.`);
    });

  program
    .command('ack')
    .argument('<key>', 'the issue')
    .description("acknowledge an issue's escalations: stops their repeats (recorded in the log)")
    .addOption(new Option('--level <n>', 'only this level').argParser((v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 100) throw badInput(`--level: "${v}" is not a level (1 to 100)`);
      return n;
    }))
    .action(async (key: string, o: { level?: number }) => {
      const store = await ctx.store();
      const project = await ctx.project(store);
      const acked = await acknowledge(store, project, key, o.level ?? null, { actor: ctx.actor() });
      if (ctx.json) return ctx.out.json(acked);
      const levels = [...new Set(acked.map((a) => a.level))].join(', ');
      ctx.out.print(`Acknowledged ${key} at level ${levels} (${acked.length} escalation(s)); no more reminders`);
    });

  program
    .command('sla')
    .description('open issues by time to breach of their escalation levels (overdue first)')
    .addOption(new Option('--limit <n>', 'at most n issues').default(50).argParser((v) => Math.max(1, Math.floor(positive(v, '--limit')))))
    .option('--at <time>', 'as if it were this time (ISO 8601)')
    .option('--config <file>', 'punchlist.yaml to use')
    .action(async (o: { limit: number; at?: string; config?: string }) => {
      const settings = escalationSettings(ctx, o.config);
      const store = await ctx.store();
      const project = await ctx.project(store);
      const rows = await slaList(store, project, settings, { limit: o.limit, ...(o.at ? { now: parseInstant(o.at, '--at') } : {}) });
      if (ctx.json) return ctx.out.json(rows);
      if (rows.length === 0) return ctx.out.print('No open issue is on an escalation clock.');
      ctx.out.table(rows, [
        { header: 'KEY', value: (r) => r.key },
        { header: 'SEVERITY', value: (r) => SEVERITY_LABEL[r.severity] },
        { header: 'LEVEL', value: (r) => r.level, align: 'right' },
        { header: 'TIME LEFT', value: (r) => (r.leftMinutes < 0 ? `overdue ${formatMinutes(-r.leftMinutes)}` : formatMinutes(r.leftMinutes)), align: 'right' },
        { header: 'BREACH', value: (r) => r.breachAt ?? (r.paused ? 'paused' : '-') },
        { header: 'STATE', value: (r) => [r.status, r.paused ? 'paused' : '', r.acknowledged ? 'acked' : ''].filter(Boolean).join(', ') },
        { header: 'TITLE', value: (r) => r.title, max: 50 },
      ]);
    });

  program
    .command('escalations')
    .description('escalations fired, with the state of every delivery')
    .option('--failed', 'only those with a delivery retrying or dead')
    .option('--issue <key>', 'only this issue')
    .addOption(new Option('--limit <n>', 'at most n').default(100).argParser((v) => Math.max(1, Math.floor(positive(v, '--limit')))))
    .action(async (o: { failed?: boolean; issue?: string; limit: number }) => {
      const store = await ctx.store();
      const project = await ctx.project(store);
      const rows = await store.escalations.list(project.id, { failed: Boolean(o.failed), limit: o.limit, ...(o.issue ? { issueKey: o.issue } : {}) });
      if (ctx.json) return ctx.out.json(rows);
      if (rows.length === 0) return ctx.out.print(o.failed ? 'No failed deliveries.' : 'Nothing has escalated.');
      ctx.out.table(rows, [
        { header: 'FIRED', value: (r) => r.firedAt },
        { header: 'KEY', value: (r) => r.issueKey },
        { header: 'LEVEL', value: (r) => (r.repeat ? `${r.level} (repeat ${r.repeat})` : r.level) },
        { header: 'STATE', value: stateOf },
        { header: 'DELIVERIES', value: (r) => r.deliveries.map((d) => `${d.channel}: ${d.state}${d.lastCode !== null ? ` ${d.lastCode}` : ''} ×${d.attempts}`).join('; ') || '-' },
        { header: 'LAST ERROR', value: (r) => r.deliveries.find((d) => d.state !== 'delivered')?.lastError ?? '', max: 60 },
      ]);
    });
}

const stateOf = (r: EscalationView): string => (r.closedAt ? 'closed' : r.ackedAt ? `acked by ${r.ackedBy}` : 'open');
