// `punchlist report audit|roadmap|standup [--format md|html|json] [-o FILE]`: the live state in the
// shapes people already write.
import type { Command } from 'commander';
import { badInput } from '../../domain/errors.js';
import type { ReportFormat, ReportKind } from '../../documents/report-model.js';
import { renderProjectReport } from '../../services/reports.js';
import type { CliContext } from '../context.js';
import { writeOutputFile } from '../output-file.js';

const KINDS: readonly ReportKind[] = ['audit', 'roadmap', 'standup'];
const FORMATS: readonly ReportFormat[] = ['md', 'html', 'json'];

export function register(program: Command, ctx: CliContext): void {
  program
    .command('report')
    .argument('<kind>', 'audit | roadmap | standup')
    .description('render the audit, the executive roadmap or the standup from the live state')
    .option('--format <format>', 'md | html | json', 'md')
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .option('--add-missing', 'for a document imported from Markdown: also add the standard sections it does not have')
    .action(async (kind: string, o: { format: string; output?: string; addMissing?: boolean }) => {
      const k = kind.toLowerCase() as ReportKind;
      if (!KINDS.includes(k)) throw badInput(`report: "${kind}" is not one of ${KINDS.join(', ')}`);
      const format = (ctx.json ? 'json' : o.format.toLowerCase().replace(/^markdown$/, 'md')) as ReportFormat;
      if (!FORMATS.includes(format)) throw badInput(`--format: "${o.format}" is not one of ${FORMATS.join(', ')}`);
      const store = await ctx.store();
      const project = await ctx.project(store);
      const text = await renderProjectReport(store, project, k, format, { addMissing: Boolean(o.addMissing) });
      if (o.output) {
        await writeOutputFile(o.output, text);
        ctx.out.warn(`Wrote ${o.output}`);
      } else {
        ctx.out.raw(text);
      }
    });
}
