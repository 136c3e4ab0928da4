// `punchlist user add|list|remove` and `punchlist token create|list|revoke`: accounts for the
// server. Secrets are printed once and stored only as hashes.
import { type Command, Option } from 'commander';
import { ROLES } from '../../domain/accounts-port.js';
import { badInput } from '../../domain/errors.js';
import { accountEvents, addUser, createToken, publicUser, removeUser, revokeToken, updateUser } from '../../services/accounts.js';
import type { CliContext } from '../context.js';

const roleOption = () => new Option('--role <role>', ROLES.join(' | ')).choices(ROLES).makeOptionMandatory();

export function register(program: Command, ctx: CliContext): void {
  const user = program.command('user').description('accounts that may log in to the server');
  user
    .command('add')
    .argument('<name>')
    .addOption(roleOption())
    .option('--password-stdin', 'read the password from standard input (else one is generated and shown once)')
    .description('add an account')
    .action(async (name: string, o: { role: string; passwordStdin?: boolean }) => {
      const password = o.passwordStdin ? (await readStdin()).replace(/\r?\n$/, '') : undefined;
      const store = await ctx.store({ create: true });
      const created = await addUser(store, { name, role: o.role, password, actor: ctx.actor() });
      if (ctx.json) return ctx.out.json({ ...created.user, ...(password === undefined ? { password: created.password } : {}) });
      ctx.out.print(`Added ${created.user.name} (${created.user.role})`);
      if (password === undefined) ctx.out.print(`password: ${created.password}   (shown once)`);
    });
  user
    .command('list')
    .description('every account')
    .action(async () => {
      const store = await ctx.store();
      const users = (await store.accounts.listUsers()).map(publicUser);
      if (ctx.json) return ctx.out.json(users);
      ctx.out.table(users, [
        { header: 'NAME', value: (u) => u.name },
        { header: 'ROLE', value: (u) => u.role },
        { header: 'CREATED', value: (u) => u.createdAt },
      ]);
    });
  user
    .command('role')
    .argument('<name>')
    .addOption(roleOption())
    .description("change an account's role")
    .action(async (name: string, o: { role: 'viewer' | 'member' | 'admin' }) => {
      const updated = await updateUser(await ctx.store(), name, { role: o.role }, undefined, ctx.actor());
      if (ctx.json) ctx.out.json(updated);
      else ctx.out.print(`${updated.name} is now ${updated.role}`);
    });
  user
    .command('log')
    .option('--limit <n>', 'how many, newest first (at most 1000)', '50')
    .description('who added, changed or removed an account or a token, and when')
    .action(async (o: { limit: string }) => {
      const limit = Number(o.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1_000) throw badInput(`--limit: a whole number from 1 to 1000, not "${o.limit}"`);
      const events = await accountEvents(await ctx.store(), limit);
      if (ctx.json) return ctx.out.json(events);
      ctx.out.table(events, [
        { header: 'AT', value: (e) => e.at },
        { header: 'ACTOR', value: (e) => e.actor },
        { header: 'ACTION', value: (e) => e.action },
        { header: 'SUBJECT', value: (e) => e.subject },
        { header: 'DETAIL', value: (e) => Object.entries(e.data).map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join(' ') },
      ]);
    });
  user
    .command('remove')
    .argument('<name>')
    .description('remove an account (its sessions end)')
    .action(async (name: string) => {
      await removeUser(await ctx.store(), name, ctx.actor());
      if (!ctx.json) ctx.out.print(`Removed ${name}`);
    });

  const token = program.command('token').description('API tokens for scripts and CI');
  token
    .command('create')
    .requiredOption('--name <name>', 'what the token is for; written as the actor of its changes')
    .addOption(roleOption())
    .description('create a token (shown once)')
    .action(async (o: { name: string; role: string }) => {
      const store = await ctx.store({ create: true });
      const created = await createToken(store, { name: o.name, role: o.role, createdBy: ctx.actor() });
      if (ctx.json) return ctx.out.json({ ...created.token, token: created.secret });
      ctx.out.print(`Created token ${created.token.id} "${created.token.name}" (${created.token.role}):`);
      ctx.out.print(created.secret);
      ctx.out.print('It is shown once: store it now. Send it as "Authorization: Bearer <token>".');
    });
  token
    .command('list')
    .description('tokens, with when each was last used')
    .action(async () => {
      const tokens = await (await ctx.store()).accounts.listTokens();
      if (ctx.json) return ctx.out.json(tokens);
      ctx.out.table(tokens, [
        { header: 'ID', value: (t) => t.id, align: 'right' },
        { header: 'NAME', value: (t) => t.name },
        { header: 'ROLE', value: (t) => t.role },
        { header: 'PREFIX', value: (t) => `${t.prefix}…` },
        { header: 'LAST USED', value: (t) => t.lastUsedAt ?? 'never' },
        { header: 'REVOKED', value: (t) => t.revokedAt ?? '' },
      ]);
    });
  token
    .command('revoke')
    .argument('<id>')
    .description('revoke a token (within 5 s on every server)')
    .action(async (id: string) => {
      const n = Number(id);
      if (!Number.isInteger(n) || n <= 0) throw badInput(`token revoke: "${id}" is not a token id (see token list)`);
      const revoked = await revokeToken(await ctx.store(), n, ctx.actor());
      if (ctx.json) ctx.out.json(revoked);
      else ctx.out.print(`Revoked token ${revoked.id} "${revoked.name}"`);
    });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
