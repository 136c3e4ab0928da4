import type { Command } from 'commander';
import { SEVERITY_LABEL } from '../../domain/enums.js';
import type { DayEscalation } from '../../domain/escalation-port.js';
import { parseDay } from '../../domain/dates.js';
import { listKeys } from '../../rules/functions.js';
import { type PhaseSummary, type StandupReport, buildStandup } from '../../services/standup.js';
import type { CliContext } from '../context.js';

const delta = (n: number | null): string => (n === null ? '' : n === 0 ? ' (±0)' : n > 0 ? ` (+${n})` : ` (${n})`);

function phaseLine(label: string, p: PhaseSummary | null): string {
  if (!p) return `${label}: -`;
  const window = p.window ? `, ${p.window}` : '';
  return `${label}: ${p.name}${p.label ? ` (${p.label}${window})` : window ? ` (${p.window})` : ''} — ${p.itemsPassing}/${p.items} tasks done, ${p.openIssues} open issue(s)`;
}

export function renderStandup(r: StandupReport): string {
  const lines = [`Standup ${r.date} — since ${r.since}${r.baselineDay ? '' : ' (no earlier snapshot: what closed since then shows from tomorrow)'}`, ''];
  const since = (n: number | null): string => (n === null ? '-' : `+${n}`);
  const rows = [
    ['TIER', 'COMPLETED', `SINCE ${r.since}`, 'IN PROGRESS', 'BLOCKED', 'OPEN'],
    ...r.tiers.map((t) => [SEVERITY_LABEL[t.severity], `${t.completed}/${t.total}`, since(t.closedSince), String(t.inProgress), String(t.blocked), `${t.open}${delta(t.openDelta)}`]),
    ['Total', `${r.totals.completed}/${r.totals.total}`, since(r.totals.closedSince), String(r.totals.inProgress), String(r.totals.blocked), `${r.totals.open}${delta(r.totals.openDelta)}`],
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]?.length ?? 0)));
  for (const row of rows) lines.push(row.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ').trimEnd());
  const done = r.tiers.filter((t) => r.completedKeys[t.severity].length);
  if (done.length) {
    lines.push('', `Closed since ${r.since}:`);
    for (const t of done) lines.push(`  ${SEVERITY_LABEL[t.severity]}: ${listKeys(r.completedKeys[t.severity])}`);
  }
  const blocked = r.tiers.filter((t) => r.blockedKeys[t.severity].length);
  if (blocked.length) {
    lines.push('', 'Blocked:');
    for (const t of blocked) lines.push(`  ${SEVERITY_LABEL[t.severity]}: ${listKeys(r.blockedKeys[t.severity], t.blocked)}`);
  }
  lines.push('', phaseLine("Today's focus", r.focus), phaseLine('Next', r.next));
  lines.push(...escalationLines(r.escalations));
  return lines.join('\n');
}

const LISTED = 10;

/** The day's breaches and escalations; nothing when no sweep has ever run (no SLA is watched). */
export function escalationLines(e: StandupReport['escalations']): string[] {
  if (!e.swept && e.fired.length === 0) return [];
  const name = (x: DayEscalation) => `${x.issue} level ${x.level}${x.repeat > 0 ? ` (reminder ${x.repeat})` : ''}${x.acknowledged ? ' ✓ acknowledged' : ''}`;
  const list = (xs: readonly DayEscalation[]) => {
    const shown = xs.slice(0, LISTED).map(name).join(', ');
    return xs.length > LISTED ? `${shown} and ${xs.length - LISTED} more` : shown;
  };
  return [
    '',
    `SLA breaches ${e.date}: ${e.breaches.length}${e.breaches.length ? ` — ${list(e.breaches)}` : ''}`,
    `Escalations fired ${e.date}: ${e.fired.length}${e.fired.length ? ` — ${list(e.fired)}` : ''}`,
  ];
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('standup')
    .option('--date <day>', 'the standup day, YYYY-MM-DD (default: today)')
    .description('completed / in progress / blocked per tier since the previous working day, focus and next')
    .action(async (o: { date?: string }) => {
      const date = o.date === undefined ? undefined : parseDay(o.date, '--date');
      const store = await ctx.store();
      const project = await ctx.project(store);
      const report = await buildStandup(store, project, date);
      if (ctx.json) return ctx.out.json(report);
      ctx.out.print(renderStandup(report));
    });
}
