import type { Command } from 'commander';
import { verifySignoffs } from '../../services/signoffs.js';
import type { CliContext } from '../context.js';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('verify')
    .description('check the sign-off chain: exit 1 when any sign-off was altered, removed or inserted')
    .action(async () => {
      const store = await ctx.store();
      const project = await ctx.project(store);
      const r = await verifySignoffs(store, project);
      if (!r.ok) ctx.exitCode = 1;
      if (ctx.json) return ctx.out.json(r);
      if (r.ok) return ctx.out.print(`All ${r.signoffs} sign-off(s) verified: the chain is intact.`);
      ctx.out.print(`Sign-off chain BROKEN: ${r.problems.length} problem(s) in ${r.signoffs} sign-off(s)`);
      for (const p of r.problems) ctx.out.print(`  ${p.id ? `#${p.id} ` : ''}${p.checklistKey} "${p.itemText}": ${p.problem}`);
    });
}
