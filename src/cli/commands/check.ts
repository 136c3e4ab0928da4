import type { Command } from 'commander';
import type { GateResult } from '../../rules/gate.js';
import { listChecks, setChecked, tryRule } from '../../services/checks.js';
import type { CliContext } from '../context.js';

const STATUS_TEXT = { pass: 'pass', fail: 'FAIL', unknown: 'unknown' } as const;

function printList(ctx: CliContext, g: GateResult): void {
  ctx.out.print(`${g.gate} — ${g.title}: ${g.counts.pass}/${g.items.length} pass`);
  ctx.out.table(g.items, [
    { header: '#', value: (i) => i.index + 1, align: 'right' },
    { header: 'STATUS', value: (i) => STATUS_TEXT[i.status] },
    { header: 'ITEM', value: (i) => i.text, max: 60 },
    { header: 'RULE', value: (i) => i.rule ?? 'manual', max: 50 },
    { header: 'WHY', value: (i) => i.reason, max: 70 },
  ]);
}

export function register(program: Command, ctx: CliContext): void {
  const check = program.command('check').description('checklists and phase tasks: list, tick, untick');

  check
    .command('list')
    .argument('[checklist]', 'a checklist or phase key; default: all of them')
    .description('every item with its live status (rules evaluated now)')
    .action(async (key: string | undefined) => {
      const store = await ctx.store();
      const project = await ctx.project(store);
      const lists = await listChecks(store, project, key);
      if (ctx.json) {
        return ctx.out.json(
          lists.map((g) => ({
            key: g.gate,
            title: g.title,
            passed: g.passed,
            items: g.items.map((i) => ({ index: i.index + 1, text: i.text, rule: i.rule, status: i.status, reason: i.reason, manual: i.manual })),
          })),
        );
      }
      if (key) {
        const g = lists[0];
        if (g) printList(ctx, g);
        return;
      }
      if (lists.length === 0) return ctx.out.print('No checklists or phases yet (import an audit or roadmap document).');
      ctx.out.table(lists, [
        { header: 'KEY', value: (g) => g.gate },
        { header: 'TITLE', value: (g) => g.title, max: 50 },
        { header: 'PASS', value: (g) => g.counts.pass, align: 'right' },
        { header: 'FAIL', value: (g) => g.counts.fail, align: 'right' },
        { header: 'NO DATA', value: (g) => g.counts.unknown, align: 'right' },
        { header: 'GATE', value: (g) => (g.passed ? 'open' : 'closed') },
      ]);
    });

  check
    .command('eval')
    .argument('<rule>', 'a CEL rule, e.g. \'issues.open(["critical"]) == 0\'')
    .description('try a rule on the live project without saving it (exit 1 unless it passes)')
    .action(async (rule: string) => {
      const store = await ctx.store();
      const project = await ctx.project(store);
      const e = await tryRule(store, project, rule);
      if (e.status !== 'pass') ctx.exitCode = 1;
      if (ctx.json) return ctx.out.json({ rule, status: e.status, reason: e.reason });
      ctx.out.print(`${e.status}${e.reason ? `: ${e.reason}` : ''}${e.fix ? `\n  fix: ${e.fix}` : ''}`);
    });

  for (const [name, done] of [
    ['tick', true],
    ['untick', false],
  ] as const) {
    check
      .command(name)
      .argument('<checklist>', 'a checklist or phase key')
      .argument('<item>', 'the item: its number (1-based) or a unique fragment of its text')
      .description(done ? 'mark a manual item done (records who and when)' : 'mark a manual item not done')
      .action(async (key: string, item: string) => {
        const store = await ctx.store();
        const project = await ctx.project(store);
        const r = await setChecked(store, project, key, item, done, { actor: ctx.actor() });
        if (ctx.json) return ctx.out.json(r);
        const state = done ? 'done' : 'not done';
        ctx.out.print(r.changed ? `${r.list} ${r.index + 1}. ${r.text}: ${state}` : `${r.list} ${r.index + 1}. ${r.text}: already ${state}`);
      });
  }
}
