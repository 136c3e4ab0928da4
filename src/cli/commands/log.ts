import { type Command, Option } from 'commander';
import { badInput } from '../../domain/errors.js';
import type { CliContext } from '../context.js';
import { describeEvent } from './issue.js';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('log')
    .argument('[key]', 'an issue (or section) key; default: the whole project')
    .description('the history: who changed what, when, from what to what')
    .addOption(
      new Option('--limit <n>', 'the last n events').default(100).argParser((v) => {
        const n = Number(v);
        if (!Number.isInteger(n) || n <= 0) throw badInput(`--limit: "${v}" is not a positive whole number`);
        return n;
      }),
    )
    .action(async (key: string | undefined, o: { limit: number }) => {
      const store = await ctx.store();
      const project = await ctx.project(store);
      const events = await store.events.list(project.id, { ...(key ? { entityKey: key } : {}), limit: o.limit });
      if (ctx.json) return ctx.out.json(events);
      if (events.length === 0) return ctx.out.print(key ? `No history for ${key}.` : 'No history yet.');
      ctx.out.table(events, [
        { header: 'WHEN', value: (e) => e.at },
        { header: 'WHO', value: (e) => e.actor, max: 24 },
        { header: 'WHAT', value: (e) => e.entityKey ?? e.entity },
        { header: 'CHANGE', value: (e) => describeEvent(e.action, e.data), max: 100 },
      ]);
    });
}
