import { basename } from 'node:path';
import type { Command } from 'commander';
import { projectSchema } from '../../domain/document.js';
import { PunchlistError } from '../../domain/errors.js';
import { parseWith } from '../../domain/validate.js';
import { deriveProjectKey } from '../../domain/project-key.js';
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
      const doc = parseWith(projectSchema, { key, name, title: null, owner: opts.owner ?? null, date: null, status: null, summary: null }, 'project');
      const store = await ctx.store();
      const project = await store.write(async (tx) => {
        if (await tx.projects.get(doc.key)) throw new PunchlistError('duplicate', `init: project "${doc.key}" already exists in ${store.location}`);
        const created = await tx.projects.insert(doc);
        await tx.events.append(created.id, [
          { actor: ctx.actor(), action: 'project.created', entity: 'project', entityKey: doc.key, data: { after: doc } },
        ]);
        return created;
      });
      if (ctx.json) ctx.out.json(project);
      else ctx.out.print(`Created project ${project.key} (${project.name}) in ${store.location}`);
    });
}
