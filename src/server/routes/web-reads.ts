// Read-only routes the web dashboard needs beyond the resource routes: the findings behind an
// issue (file:line, rule) and the daily snapshots that burndown and burnup charts are drawn from.
// Kept apart from the server's own route files (added by the dashboard's work; same chain:
// role → validate → read → present).
import { z } from 'zod';
import { daySchema } from '../../domain/dates.js';
import type { Store } from '../../domain/ports.js';
import { requireIssue } from '../../services/issues.js';
import { issueParams, loadProject, projectParams } from '../http.js';
import type { App } from '../types.js';

const day = daySchema;

export function webReadRoutes(app: App, store: Store): void {
  app.get('/api/projects/:project/issues/:key/findings', {
    config: { role: 'viewer' },
    schema: { tags: ['issues'], summary: 'The tool findings behind an issue: tool, rule, file:line, state', params: issueParams },
  }, async (request) => {
    const project = await loadProject(store, request);
    const issue = await requireIssue(store, project, request.params.key);
    const findings = await store.findings.forIssue(issue.id);
    return {
      items: findings.map((f) => ({
        tool: f.tool,
        scope: f.scope,
        rule: f.rule,
        level: f.level,
        message: f.message,
        file: f.file,
        line: f.line,
        col: f.col,
        state: f.state,
        firstSeen: f.firstSeen,
        lastSeen: f.lastSeen,
      })),
    };
  });

  app.get('/api/projects/:project/snapshots', {
    config: { role: 'viewer' },
    schema: {
      tags: ['time'],
      summary: 'Daily counts per severity × status, oldest first (burndown and burnup)',
      params: projectParams,
      querystring: z.object({ from: day.optional(), to: day.optional() }),
    },
  }, async (request) => {
    const project = await loadProject(store, request);
    const { from, to } = request.query;
    const items = await store.tracking.snapshots(project.id, { ...(from ? { from } : {}), ...(to ? { to } : {}) });
    return { items: items.map((s) => ({ day: s.day, at: s.at, counts: s.counts })) };
  });
}
