// Finding punchlist.yaml, without loading the YAML parser or the schemas: a command run where
// there is no configuration file (all defaults) pays nothing for them.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const CONFIG_FILE = 'punchlist.yaml';

export function findConfig(from: string): string | null {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const candidate = join(dir, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return null;
  }
}
