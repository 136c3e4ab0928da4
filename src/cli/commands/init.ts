import { basename } from 'node:path';
import type { Command } from 'commander';
import { deriveProjectKey } from '../../domain/project-key.js';
import { createProject } from '../../services/projects.js';
import type { CliContext } from '../context.js';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('init')
    .description('create a project in the store (the store itself is created on first use)')
    .option('--key <key>', 'project key, e.g. TW (default: from the name)')
    .option('--name <name>', 'project name (default: the directory name)')
    .option('--owner <owner>', 'who owns the audit')
    .action(async (opts: { key?: string; name?: string; owner?: string }) => {
      const name = opts.name ?? basename(process.cwd());
      const key = opts.key ?? ctx.options.project ?? deriveProjectKey(name);
      const store = await ctx.store({ create: true });
      const project = await createProject(store, { key, name, owner: opts.owner ?? null }, { actor: ctx.actor() });
      if (ctx.json) ctx.out.json(project);
      else ctx.out.print(`Created project ${project.key} (${project.name}) in ${store.location}`);
    });
}
