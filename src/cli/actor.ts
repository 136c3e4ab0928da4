import { spawnSync } from 'node:child_process';
import { userInfo } from 'node:os';
import { badInput } from '../domain/errors.js';
import { LIMITS } from '../domain/limits.js';

/** Who is acting: --as, else PUNCHLIST_USER, else git's user.name, else the OS user. */
export function resolveActor(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit?.trim()) return checked(explicit.trim(), '--as');
  if (env.PUNCHLIST_USER?.trim()) return checked(env.PUNCHLIST_USER.trim(), 'PUNCHLIST_USER');
  const git = spawnSync('git', ['config', 'user.name'], { encoding: 'utf8', timeout: 2_000 });
  if (git.status === 0 && git.stdout.trim()) return checked(git.stdout.trim(), "git's user.name");
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

// The same bounds a document or a backup holds an actor to, so whatever is recorded restores.
function checked(name: string, source: string): string {
  if (name.length > LIMITS.actorLength) throw badInput(`${source}: at most ${LIMITS.actorLength} characters (got ${name.length})`);
  if ([...name].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) throw badInput(`${source}: may not hold control characters`);
  return name;
}
