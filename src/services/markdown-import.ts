// `punchlist import FILE.md`: read → parse (pure, src/documents) → apply like any project document.
import { readFile, stat } from 'node:fs/promises';
import { badInput, isPunchlistError, PunchlistError } from '../domain/errors.js';
import { LIMITS } from '../domain/limits.js';
import type { Store } from '../domain/ports.js';
import { parseAuditMarkdown, type ParsedAudit, type Recognised } from '../documents/parse-audit-markdown.js';
import { type ApplyResult, applyDocuments } from './project-document.js';

export interface MarkdownImportOptions {
  actor: string;
  /** The project to import into (`--project`); otherwise the key derived from the title. */
  projectKey?: string;
  dryRun?: boolean;
  prune?: boolean;
  explain?: boolean;
}

export interface MarkdownImportResult {
  parsed: ParsedAudit;
  applied: ApplyResult;
}

/** Reads a Markdown file as UTF-8, or as Windows-1252 when it is not valid UTF-8. */
export async function readMarkdownFile(path: string): Promise<string> {
  let buffer: Buffer;
  try {
    const info = await stat(path);
    if (info.size > LIMITS.markdownBytes) {
      throw badInput(`${path}: ${info.size} bytes is over the ${LIMITS.markdownBytes}-byte limit for one document`);
    }
    buffer = await readFile(path);
  } catch (error) {
    if (error instanceof PunchlistError) throw error;
    throw badInput(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    text = new TextDecoder('windows-1252').decode(buffer);
  }
  refuseBinary(text, path);
  return text;
}

/**
 * A Markdown document is text: a NUL byte, or control characters (other than tab, line breaks,
 * form feed and escape) in more than 1 of 100 characters, mean binary data (an image, an archive,
 * UTF-16) that would otherwise become a project of garbage.
 */
export function refuseBinary(text: string, name: string): void {
  const nul = text.indexOf('\u0000');
  if (nul >= 0) throw badInput(`${name}: binary data, not a Markdown document (NUL byte at character ${nul})`);
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0b && c !== 0x0c && c !== 0x0d && c !== 0x1b) || c === 0x7f) controls++;
  }
  if (controls > 0 && controls * 100 > text.length) {
    throw badInput(`${name}: binary data, not a Markdown document (${controls} control characters in ${text.length})`);
  }
}

/** Reads a Markdown audit into a project document (pure); nothing is written. */
export function parseMarkdownDocument(markdown: string, options: Pick<MarkdownImportOptions, 'projectKey' | 'explain'>, name = 'the document'): ParsedAudit {
  refuseBinary(markdown, name);
  try {
    return parseAuditMarkdown(markdown, { ...(options.projectKey ? { projectKey: options.projectKey } : {}), explain: Boolean(options.explain) });
  } catch (error) {
    // A refusal that points at a line of the document also names the document.
    if (isPunchlistError(error) && error.code === 'bad_input' && /^line /.test(error.message)) throw badInput(`${name}: ${error.message}`);
    throw error;
  }
}

export async function importMarkdown(store: Store, markdown: string, options: MarkdownImportOptions): Promise<MarkdownImportResult> {
  const parsed = parseMarkdownDocument(markdown, options);
  const [applied] = await applyDocuments(store, [{ document: parsed.document, keepStoredName: true, validated: true }], {
    actor: options.actor,
    dryRun: Boolean(options.dryRun),
    prune: Boolean(options.prune),
  });
  return { parsed, applied: applied! };
}

/** The lines `import --dry-run` and `import` print: what was recognised, what was kept as notes. */
export function describeImport(file: string, result: MarkdownImportResult, dryRun: boolean): string {
  const { parsed, applied } = result;
  const r = parsed.recognised;
  const counts: Array<[keyof Recognised, string]> = [
    ['issues', 'issues'],
    ['phases', 'phases'],
    ['tasks', 'phase tasks'],
    ['checklists', 'checklists'],
    ['checkItems', 'checklist items'],
    ['kpis', 'KPIs'],
    ['risks', 'risks'],
    ['teams', 'teams'],
    ['escalationLevels', 'escalation levels'],
    ['actions', 'actions'],
    ['nextSteps', 'next steps'],
    ['notes', 'notes'],
  ];
  const recognised = counts.filter(([k]) => r[k] > 0).map(([k, label]) => `${r[k]} ${label}`);
  const verb = dryRun ? 'would' : 'did';
  const lines = [
    `${file}: recognised ${recognised.length > 0 ? recognised.join(', ') : 'nothing'}${r.computed > 0 ? ` (${r.computed} standup block${r.computed === 1 ? '' : 's'} recomputed live, not stored)` : ''}${r.etas > 0 ? ` (${r.etas} ETA${r.etas === 1 ? '' : 's'} kept live from the forecast, not stored)` : ''}`,
    `${dryRun ? 'Dry run, nothing written: ' : ''}project ${applied.project.key}${applied.projectCreated ? (dryRun ? ' (would be created)' : ' (created)') : ''}; issues ${applied.created.length} ${dryRun ? 'to create' : 'created'}, ${applied.updated.length} ${dryRun ? 'to update' : 'updated'}, ${applied.unchanged} unchanged${applied.pruned.length > 0 ? `, ${applied.pruned.length} ${dryRun ? 'to remove' : 'removed'}` : ''}${applied.sections.length > 0 ? `; sections ${verb === 'would' ? 'to change' : 'changed'}: ${applied.sections.join(', ')}` : ''}`,
  ];
  const c = parsed.coverage;
  if (c.items > 0) {
    lines.push(`Items recognised: ${c.recognised} of ${c.items} (${((100 * c.recognised) / c.items).toFixed(1)}%)${c.unread.length > 0 ? '; kept as notes:' : ''}`);
    for (const u of c.unread.slice(0, 20)) lines.push(`  line ${lineOf(parsed.document.source?.markdown ?? '', u.at)}: ${u.text}`);
    if (c.unread.length > 20) lines.push(`  … and ${c.unread.length - 20} more`);
  }
  if (applied.missing.length > 0) {
    lines.push(`Not in the document (kept; --prune removes them): ${applied.missing.join(', ')}`);
  }
  for (const note of parsed.notes) {
    const where = note.section === '' ? '(document)' : note.section;
    const first = note.markdown.split('\n')[0] ?? '';
    lines.push(`  note under ${where}: ${first.length > 100 ? `${first.slice(0, 99)}…` : first}${note.markdown.includes('\n') ? ' …' : ''}`);
  }
  for (const warning of parsed.warnings) lines.push(`  warning: ${warning}`);
  return lines.join('\n');
}

function lineOf(text: string, at: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** `import --explain`: one line per block. */
export function describeExplain(result: MarkdownImportResult): string {
  return result.parsed.explain.map((e) => `  line ${e.line} · ${e.section} · ${e.block} → ${e.became}\n      why: ${e.why}`).join('\n');
}

/** What the CLI hands in; kept structural so this service does not depend on the CLI. */
export interface ImportCaller {
  readonly json: boolean;
  readonly options: { project?: string };
  actor(): string;
  readonly out: { print(text: string): void; json(value: unknown): void };
}

export async function importMarkdownFile(
  caller: ImportCaller,
  store: Store,
  file: string,
  o: { dryRun?: boolean; prune?: boolean; explain?: boolean },
): Promise<MarkdownImportResult> {
  const markdown = await readMarkdownFile(file);
  const result = await importMarkdown(store, markdown, {
    actor: caller.actor(),
    ...(caller.options.project ? { projectKey: caller.options.project } : {}),
    dryRun: Boolean(o.dryRun),
    prune: Boolean(o.prune),
    explain: Boolean(o.explain),
  });
  printMarkdownImport(caller, file, result, o);
  return result;
}

/** What `import FILE.md` prints for one file, as lines or `--json`. */
export function printMarkdownImport(caller: ImportCaller, file: string, result: MarkdownImportResult, o: { dryRun?: boolean; explain?: boolean }): void {
  if (caller.json) {
    caller.out.json({
      file,
      dryRun: Boolean(o.dryRun),
      recognised: result.parsed.recognised,
      items: { total: result.parsed.coverage.items, recognised: result.parsed.coverage.recognised },
      ...(o.explain ? { explain: result.parsed.explain } : {}),
      notes: result.parsed.notes,
      warnings: result.parsed.warnings,
      ...result.applied,
    });
  } else {
    caller.out.print(describeImport(file, result, Boolean(o.dryRun)));
    if (o.explain) caller.out.print(describeExplain(result));
  }
}
