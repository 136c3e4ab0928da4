// One entry point for every report: kind × format → text.
import { finish, renderAuditMarkdown } from './render-audit.js';
import { markdownToHtmlPage } from './render-html.js';
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
    const markdown = renderSkeleton(model, source, kind, options);
    return html ? markdownToHtmlPage(markdown, `${p.title ?? p.name} — ${kind}`, footer(kind, model)) : markdown;
  }
  const markdown =
    kind === 'audit' ? renderAuditMarkdown(model, html) : kind === 'roadmap' ? renderRoadmapMarkdown(model, html) : renderStandupMarkdown(model);
  if (!html) return markdown;
  const page = markdownToHtmlPage(markdown, `${p.title ?? p.name} — ${kind}`, footer(kind, model));
  // The register's tables are written straight to HTML where the Markdown left a marker for them.
  const tables = new Map(registerTables(model).map((t) => [`<p>${registerPlaceholder(t.severity)}</p>`, registerHtml(t)]));
  return page.replace(/<p>@@punchlist-register-[a-z]+@@<\/p>/g, (marker) => tables.get(marker) ?? '');
}

const footer = (kind: ReportKind, model: ReportModel): string =>
  `punchlist ${kind} report · ${model.document.project.key} · generated ${model.generatedAt}`;
