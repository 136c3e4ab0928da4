// Which report files an ingest reads and as which tool: `--tool` for all of them, or per file
// as `TOOL:PATH` (`tsc:tsc.txt`), so one command can say that an empty file is tsc's clean run
// while the other files are still recognised by their content. Pure.
import { FORMATS, type Format } from './types.js';

export interface ReportSpec {
  path: string;
  tool: Format | 'auto';
}

const TOOLS: readonly string[] = ['auto', ...FORMATS];

/** `tsc:tsc.txt` → tsc; anything else (including `C:\x` or `./a:b`) is a path read with `fallback`. */
export function parseReportSpec(arg: string, fallback: Format | 'auto'): ReportSpec {
  const colon = arg.indexOf(':');
  const prefix = colon > 0 ? arg.slice(0, colon).toLowerCase() : '';
  if (TOOLS.includes(prefix) && colon < arg.length - 1) return { path: arg.slice(colon + 1), tool: prefix as Format | 'auto' };
  return { path: arg, tool: fallback };
}
