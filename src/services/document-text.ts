// A project document from its text (JSON or YAML), for `import FILE` and `POST /api/import`.
import { parse as parseYaml } from 'yaml';
import { badInput } from '../domain/errors.js';

export type DocumentFormat = 'json' | 'yaml';

export function parseDocumentText(text: string, format: DocumentFormat, name: string): unknown {
  let value: unknown;
  try {
    value = format === 'json' ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    // The parser quotes the bytes it choked on; keep a message a terminal can show.
    const reason = (error as Error).message.split('\n')[0]!.replace(/[^\x20-\x7e]/g, '?');
    throw badInput(`${name}: not valid ${format === 'json' ? 'JSON' : 'YAML'}: ${reason}`);
  }
  if (format === 'json') {
    const duplicate = findDuplicateJsonKey(text);
    if (duplicate) {
      const key = JSON.stringify(duplicate.key).replace(/[^\x20-\x7e]/g, '?');
      throw badInput(`${name}: not valid JSON: duplicate key ${key} at line ${duplicate.line} (a key may appear once per object, as in YAML)`);
    }
  }
  const proto = findProtoKey(value);
  if (proto !== undefined) {
    throw badInput(`${name}: a key named "__proto__" (at ${proto}) cannot be stored as given; rename it`);
  }
  return value;
}

/**
 * Where a parsed document holds an own key "__proto__" (JSON.parse and YAML keep it; validation
 * would silently drop it, so an `extra` field would lose it). Other Object member names
 * (`constructor`, `toString`, ...) are ordinary keys and are kept.
 */
function findProtoKey(root: unknown): string | undefined {
  const stack: Array<[unknown, string]> = [[root, 'document']];
  while (stack.length > 0) {
    const [node, path] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      node.forEach((v, i) => stack.push([v, `${path}[${i}]`]));
      continue;
    }
    if (Object.hasOwn(node, '__proto__')) return path;
    for (const [k, v] of Object.entries(node)) stack.push([v, `${path}.${k.replace(/[^\x20-\x7e]/g, '?')}`]);
  }
  return undefined;
}

/**
 * The first key that appears twice in one object of a text JSON.parse already accepted (JSON.parse
 * keeps the last silently; YAML refuses). One linear pass: strings are skipped whole, and each
 * open object keeps the set of its keys, compared after unescaping ("a" and "\u0061" are the same).
 */
export function findDuplicateJsonKey(text: string): { key: string; line: number } | undefined {
  const stack: Array<Set<string> | null> = [];
  let expectKey = false;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) line++;
    else if (c === 0x7b /* { */) {
      stack.push(new Set());
      expectKey = true;
    } else if (c === 0x5b /* [ */) {
      stack.push(null);
      expectKey = false;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
      expectKey = false;
    } else if (c === 0x2c /* , */) {
      expectKey = stack.at(-1) instanceof Set;
    } else if (c === 0x22 /* " */) {
      let end = i + 1;
      while (text.charCodeAt(end) !== 0x22) end += text.charCodeAt(end) === 0x5c /* \ */ ? 2 : 1;
      const keys = stack.at(-1);
      if (expectKey && keys) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (keys.has(key)) return { key, line };
        keys.add(key);
      }
      expectKey = false;
      i = end;
    }
  }
  return undefined;
}
