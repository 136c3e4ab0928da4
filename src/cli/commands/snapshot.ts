import type { Command } from 'commander';
import { SEVERITIES, SEVERITY_LABEL, STATUSES, STATUS_LABEL } from '../../domain/enums.js';
import { takeSnapshot } from '../../services/snapshots.js';
import type { CliContext } from '../context.js';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('snapshot')
    .description("record today's issue counts per severity × status (also taken on every change)")
    .action(async () => {
      const store = await ctx.store();
      const project = await ctx.project(store);
      const s = await store.write((tx) => takeSnapshot(tx, project));
      if (ctx.json) return ctx.out.json(s);
      ctx.out.print(`Snapshot of ${project.key} for ${s.day}:`);
      ctx.out.table(
        SEVERITIES.map((sev) => ({ sev, counts: s.counts[sev] })),
        [
          { header: 'TIER', value: (r) => SEVERITY_LABEL[r.sev] },
          ...STATUSES.map((st) => ({ header: STATUS_LABEL[st], value: (r: { counts: Record<string, number> }) => r.counts[st] ?? 0, align: 'right' as const })),
        ],
      );
    });
}
