// `punchlist serve`: the team server on either store, until SIGINT/SIGTERM.
import { Option, type Command } from 'commander';
import { badInput } from '../../domain/errors.js';
import type { CliContext } from '../context.js';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description('run the JSON API, the web dashboard, /metrics, /healthz and /readyz')
    .addOption(new Option('--port <n>', 'port to listen on').default(4545).argParser(port))
    .option('--host <host>', 'address to listen on (0.0.0.0 for every interface)', '127.0.0.1')
    .option('--secure-cookies', 'mark session cookies Secure (when served over HTTPS)')
    .option('--log-level <level>', 'pino level: fatal, error, warn, info, debug', 'info')
    .option('--no-sweep', 'do not sweep for escalations on a schedule (another replica or a cron job does)')
    .option('--config <file>', 'punchlist.yaml to use (default: found walking up)')
    .action(async (o: { port: number; host: string; secureCookies?: boolean; logLevel: string; sweep: boolean; config?: string }) => {
      const [{ runServer }, { resolveStoreLocation }, { escalationSettings }] = await Promise.all([
        import('../../server/run.js'),
        import('../../store/open-store.js'),
        import('./escalate.js'),
      ]);
      const escalation = escalationSettings(ctx, o.config);
      const store = await ctx.store({ create: true });
      const location = resolveStoreLocation(ctx.options.db);
      await runServer({
        store,
        postgresUrl: location.kind === 'postgres' ? location.url : null,
        storeLocation: location.kind === 'postgres' ? location.url : location.path,
        port: o.port,
        host: o.host,
        secureCookies: Boolean(o.secureCookies),
        logLevel: o.logLevel,
        escalation,
        sweep: o.sweep,
        say: (text) => ctx.out.warn(text),
      });
    });
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) throw badInput(`--port: "${value}" is not a port (0-65535)`);
  return n;
}
