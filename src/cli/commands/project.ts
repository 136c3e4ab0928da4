// `punchlist project delete KEY --yes`: a project and everything in it leave the store, in one
// transaction, written to the account log with who did it (the same service as
// DELETE /api/projects/:key).
import type { Command } from 'commander';
import { badInput } from '../../domain/errors.js';
import { deleteProject, requireProject } from '../../services/projects.js';
import type { CliContext } from '../context.js';

export function register(program: Command, ctx: CliContext): void {
  const project = program.command('project').description('projects of the store: delete');
  project
    .command('delete')
    .argument('<key>', 'the project to delete, e.g. TW')
    .option('--yes', 'really delete it: its issues, history, findings, runs, checklists, KPIs, sign-offs and escalations')
    .description('delete a project and everything in it (no undo but a backup)')
    .action(async (key: string, o: { yes?: boolean }) => {
      const store = await ctx.store();
      if (!o.yes) {
        const found = await requireProject(store, key);
        const issues = await store.issues.count(found.id);
        throw badInput(`project delete: this deletes ${found.key} (${found.name}) with its ${issues} issues and all its history; run again with --yes (take a \`punchlist backup\` first)`);
      }
      const deleted = await deleteProject(store, key, { actor: ctx.actor() });
      if (ctx.json) ctx.out.json({ ok: true, deleted });
      else ctx.out.print(`Deleted project ${deleted.key} (${deleted.name}) and its ${deleted.issues} issues from ${store.location}`);
    });
}
