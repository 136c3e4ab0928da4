// One entry point for every report: kind × format → text.
import { finish, renderAuditMarkdown } from './render-audit.js';
import { markdownToHtmlPage, tableRowsHtml } from './render-html.js';
import { registerHtml, registerPlaceholder, registerTables } from './render-register.js';
import { renderRoadmapMarkdown } from './render-roadmap.js';
import * as part from './render-sections.js';
import { renderSkeleton, type SkeletonOptions } from './skeleton-render.js';
import type { ReportFormat, ReportKind, ReportModel } from './report-model.js';

export function renderStandupMarkdown(model: ReportModel): string {
  const p = model.document.project;
  const date = model.generatedAt.slice(0, 10);
  return finish([`# ${p.title ?? p.name} — Standup ${date}`, '', ...part.standup(model, 2, '📈 Standup Status')]);
}

export function renderReport(kind: ReportKind, model: ReportModel, format: ReportFormat, options: SkeletonOptions = {}): string {
  if (format === 'json') return `${JSON.stringify({ kind, ...model }, null, 2)}\n`;
  const html = format === 'html';
  const p = model.document.project;
  const source = model.document.source;
  // A document written by a person is rendered as they wrote it; the template is for the rest.
  if (kind !== 'standup' && source) {
    if (!html) return renderSkeleton(model, source, kind, options);
    const title = `${p.title ?? p.name} — ${kind}`;
    // New rows go straight to HTML where their marker row ends up, unless a marker did not come
    // out as a table row of its own (then the page is built from the whole Markdown after all).
    const newRows = new Map<number, string[][]>();
    const page = markdownToHtmlPage(renderSkeleton(model, source, kind, { ...options, newRows }), title, footer(kind, model));
    if (newRows.size === 0) return page;
    const placed = new Set<number>();
    const filled = page.replace(NEW_ROWS_HTML, (_, tb: string) => {
      placed.add(Number(tb));
      return tableRowsHtml(newRows.get(Number(tb)) ?? []);
    });
    if (placed.size === newRows.size && [...newRows.keys()].every((tb) => placed.has(tb))) return filled;
    return markdownToHtmlPage(renderSkeleton(model, source, kind, options), title, footer(kind, model));
  }
  const markdown =
    kind === 'audit' ? renderAuditMarkdown(model, html) : kind === 'roadmap' ? renderRoadmapMarkdown(model, html) : renderStandupMarkdown(model);
  if (!html) return markdown;
  const page = markdownToHtmlPage(markdown, `${p.title ?? p.name} — ${kind}`, footer(kind, model));
  // The register's tables are written straight to HTML where the Markdown left a marker for them.
  const tables = new Map(registerTables(model).map((t) => [`<p>${registerPlaceholder(t.severity)}</p>`, registerHtml(t)]));
  return page.replace(/<p>@@punchlist-register-[a-z]+@@<\/p>/g, (marker) => tables.get(marker) ?? '');
}

const NEW_ROWS_HTML = /<tr><td>@@punchlist-rows-(\d+)@@<\/td><\/tr>/g;

const footer = (kind: ReportKind, model: ReportModel): string =>
  `punchlist ${kind} report · ${model.document.project.key} · generated ${model.generatedAt}`;
