// One entry point for every report: kind × format → text.
import { finish, renderAuditMarkdown } from './render-audit.js';
import { markdownToHtmlPage } from './render-html.js';
import { registerHtml, registerPlaceholder, registerTables } from './render-register.js';
import { renderRoadmapMarkdown } from './render-roadmap.js';
import * as part from './render-sections.js';
import type { ReportFormat, ReportKind, ReportModel } from './report-model.js';

export function renderStandupMarkdown(model: ReportModel): string {
  const p = model.document.project;
  const date = model.generatedAt.slice(0, 10);
  return finish([`# ${p.title ?? p.name} — Standup ${date}`, '', ...part.standup(model, 2, '📈 Standup Status')]);
}

export function renderReport(kind: ReportKind, model: ReportModel, format: ReportFormat): string {
  if (format === 'json') return `${JSON.stringify({ kind, ...model }, null, 2)}\n`;
  const html = format === 'html';
  const markdown =
    kind === 'audit' ? renderAuditMarkdown(model, html) : kind === 'roadmap' ? renderRoadmapMarkdown(model, html) : renderStandupMarkdown(model);
  if (!html) return markdown;
  const p = model.document.project;
  const page = markdownToHtmlPage(markdown, `${p.title ?? p.name} — ${kind}`, `punchlist ${kind} report · ${p.key} · generated ${model.generatedAt}`);
  // The register's tables are written straight to HTML where the Markdown left a marker for them.
  const tables = new Map(registerTables(model).map((t) => [`<p>${registerPlaceholder(t.severity)}</p>`, registerHtml(t)]));
  return page.replace(/<p>@@punchlist-register-[a-z]+@@<\/p>/g, (marker) => tables.get(marker) ?? '');
}
