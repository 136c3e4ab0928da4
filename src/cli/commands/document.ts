// import / apply / export: the project document in and out (JSON, YAML; Markdown via documents).
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { stringify as toYaml } from 'yaml';
import { badInput, PunchlistError } from '../../domain/errors.js';
import { LIMITS } from '../../domain/limits.js';
import { parseDocumentText } from '../../services/document-text.js';
import type { ProjectDocument } from '../../domain/document.js';
import type { ParsedAudit } from '../../documents/parse-audit-markdown.js';
import { type ApplyResult, applyDocuments, checkDocument, exportDocument } from '../../services/project-document.js';
import type { CliContext } from '../context.js';
import { writeOutputFile } from '../output-file.js';

export async function readDocumentFile(path: string): Promise<unknown> {
  let text: string;
  try {
    const buffer = await readFile(path);
    if (buffer.length > LIMITS.markdownBytes * 10) throw badInput(`${path}: ${buffer.length} bytes is over the ${LIMITS.markdownBytes * 10} byte limit`);
    text = buffer.toString('utf8');
  } catch (error) {
    if (error instanceof PunchlistError) throw error;
    throw badInput(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const ext = extname(path).toLowerCase();
  if (ext === '.json') return parseDocumentText(text, 'json', path);
  if (ext === '.yaml' || ext === '.yml') return parseDocumentText(text, 'yaml', path);
  throw badInput(`${path}: unknown kind of file (use .md, .json, .yaml or .yml)`);
}

export function summarise(result: ApplyResult, dryRun: boolean): string {
  const verb = dryRun ? 'would' : '';
  const parts = [
    `${result.created.length} created`,
    `${result.updated.length} updated`,
    `${result.unchanged} unchanged`,
    ...(result.pruned.length ? [`${result.pruned.length} removed`] : []),
  ];
  const lines = [
    `${dryRun ? 'Dry run: ' : ''}${result.projectCreated ? `${verb ? 'would create' : 'created'} project ${result.project.key}; ` : ''}issues ${parts.join(', ')}${result.sections.length ? `; sections changed: ${result.sections.join(', ')}` : ''}`,
  ];
  if (result.missing.length) {
    lines.push(`Not in the document (kept; --prune removes them): ${result.missing.join(', ')}`);
  }
  return lines.join('\n');
}

export function register(program: Command, ctx: CliContext): void {
  const importAction = async (files: string[], o: { dryRun?: boolean; prune?: boolean; explain?: boolean }) => {
    // All or nothing, like ingest: every file is read, parsed and checked, then all are applied
    // in ONE store transaction, so a second file that fails (even while it is being written)
    // leaves nothing of the first.
    const { readMarkdownFile, parseMarkdownDocument, printMarkdownImport } = await import('../../services/markdown-import.js');
    const project = ctx.options.project;
    const prepared: Array<{ file: string; document: ProjectDocument; parsed?: ParsedAudit }> = [];
    for (const file of files) {
      const ext = extname(file).toLowerCase();
      if (ext === '.md' || ext === '.markdown') {
        // Markdown is read by the documents module (src/documents), then applied like any document.
        const parsed = parseMarkdownDocument(await readMarkdownFile(file), { ...(project ? { projectKey: project } : {}), explain: Boolean(o.explain) }, file);
        prepared.push({ file, document: parsed.document, parsed });
      } else {
        prepared.push({ file, document: (await readDocumentFile(file)) as ProjectDocument });
      }
    }
    if (prepared.length > 1) for (const p of prepared) checkDocument(p.document);
    const store = await ctx.store({ create: true });
    const applied = await applyDocuments(
      store,
      prepared.map((p) => ({ document: p.document, keepStoredName: p.parsed !== undefined, validated: p.parsed !== undefined })),
      { actor: ctx.actor(), dryRun: Boolean(o.dryRun), prune: Boolean(o.prune) },
    );
    const results: ApplyResult[] = [];
    prepared.forEach((p, i) => {
      const result = applied[i]!;
      if (p.parsed) {
        printMarkdownImport(ctx, p.file, { parsed: p.parsed, applied: result }, o);
        return;
      }
      results.push(result);
      if (!ctx.json) ctx.out.print(`${p.file}: ${summarise(result, Boolean(o.dryRun))}`);
    });
    if (ctx.json && results.length) ctx.out.json(results.length === 1 ? results[0] : results);
  };

  program
    .command('import')
    .argument('<files...>', 'Markdown audits/roadmaps (.md) or project documents (.json, .yaml)')
    .description('import documents into the store (idempotent: by key)')
    .option('--dry-run', 'show what would change; write nothing')
    .option('--prune', 'remove issues the document no longer lists')
    .option('--explain', 'Markdown: show, block by block, what each became and why')
    .action(importAction);

  program
    .command('apply')
    .requiredOption('-f, --file <file...>', 'project document(s) to apply')
    .description('apply a project document (same as import)')
    .option('--dry-run', 'show what would change; write nothing')
    .option('--prune', 'remove issues the document no longer lists')
    .action((o: { file: string[]; dryRun?: boolean; prune?: boolean }) => importAction(o.file, o));

  program
    .command('export')
    .description('one project as its editable document (for a copy of the whole store: backup)')
    .option('--format <format>', 'json | yaml | md', 'json')
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .action(async (o: { format: string; output?: string }) => {
      const format = o.format.toLowerCase();
      if (!['json', 'yaml', 'yml', 'md'].includes(format)) throw badInput(`--format: "${o.format}" is not one of json, yaml, md`);
      const store = await ctx.store();
      const project = await ctx.project(store);
      let text: string;
      if (format === 'md') {
        const { renderProjectReport } = await import('../../services/reports.js');
        text = await renderProjectReport(store, project, 'audit', 'md');
      } else {
        const doc = await exportDocument(store, project.key);
        text = format === 'json' ? `${JSON.stringify(doc, null, 2)}\n` : toYaml(doc, { lineWidth: 0 });
      }
      if (o.output) {
        await writeOutputFile(o.output, text);
        if (!ctx.json) ctx.out.warn(`Wrote ${o.output}`);
      } else {
        ctx.out.raw(text);
      }
    });
}
