import type { Command } from 'commander';
import { approve } from '../../services/signoffs.js';
import type { CliContext } from '../context.js';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('approve')
    .argument('<checklist>', 'a checklist or phase key, e.g. the executive approval list')
    .argument('<item>', 'the item: its number (1-based) or a unique fragment of its text')
    .description('sign off an item: records who and when, with a hash over the approved state and the previous sign-off')
    .action(async (key: string, item: string) => {
      const store = await ctx.store();
      const project = await ctx.project(store);
      const s = await approve(store, project, key, item, { actor: ctx.actor() });
      if (ctx.json) return ctx.out.json(s);
      ctx.out.print(`Approved "${s.itemText}" (${s.checklistKey}) as ${s.actor} at ${s.at}\n  sign-off ${s.hash.slice(0, 16)}…, state ${s.stateHash.slice(0, 16)}…`);
    });
}
