// A project document from its text (JSON or YAML), for `import FILE` and `POST /api/import`.
import { parse as parseYaml } from 'yaml';
import { badInput } from '../domain/errors.js';

export type DocumentFormat = 'json' | 'yaml';

export function parseDocumentText(text: string, format: DocumentFormat, name: string): unknown {
  try {
    return format === 'json' ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    // The parser quotes the bytes it choked on; keep a message a terminal can show.
    const reason = (error as Error).message.split('\n')[0]!.replace(/[^\x20-\x7e]/g, '?');
    throw badInput(`${name}: not valid ${format === 'json' ? 'JSON' : 'YAML'}: ${reason}`);
  }
}
