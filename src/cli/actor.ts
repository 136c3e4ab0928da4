import { spawnSync } from 'node:child_process';
import { userInfo } from 'node:os';

/** Who is acting: --as, else PUNCHLIST_USER, else git's user.name, else the OS user. */
export function resolveActor(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit?.trim()) return explicit.trim();
  if (env.PUNCHLIST_USER?.trim()) return env.PUNCHLIST_USER.trim();
  const git = spawnSync('git', ['config', 'user.name'], { encoding: 'utf8', timeout: 2_000 });
  if (git.status === 0 && git.stdout.trim()) return git.stdout.trim();
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
