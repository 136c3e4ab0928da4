// Paths as every tool spells them (absolute, file:// URIs, Windows separators, ./ prefixes)
// turned into one repository-relative POSIX form, so fingerprints and groups do not depend on
// where the tool ran.
import { posix } from 'node:path';

export function normalizePath(input: string, root: string): string {
  let path = input.trim();
  if (/^file:/i.test(path)) {
    try {
      path = decodeURIComponent(new URL(path).pathname);
    } catch {
      path = path.replace(/^file:\/*/i, '/');
    }
    // file:///C:/x → /C:/x: drop the slash before a drive letter
    if (/^\/[A-Za-z]:\//.test(path)) path = path.slice(1);
  }
  path = path.replace(/\\/g, '/');
  const base = root.replace(/\\/g, '/').replace(/\/+$/, '');
  if (base !== '' && (path === base || path.startsWith(`${base}/`))) path = path.slice(base.length + 1);
  path = posix.normalize(path);
  if (path.startsWith('./')) path = path.slice(2);
  return path === '.' ? '' : path;
}

/** The directory of a relative path with a trailing slash ("bot/handlers/"), "./" for the root. */
export function dirOf(path: string): string {
  const at = path.lastIndexOf('/');
  return at < 0 ? './' : `${path.slice(0, at)}/`;
}
