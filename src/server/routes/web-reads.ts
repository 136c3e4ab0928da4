// Read-only routes the web dashboard needs beyond the resource routes: the findings behind an
// issue (file:line, rule), the daily snapshots that burndown and burnup charts are drawn from,
// the overview's tiers in one request, team load and the ingest runs (services/dashboard.ts).
// Kept apart from the server's own route files (added by the dashboard's work; same chain:
// role → validate → read → present).
import { z } from 'zod';
import { daySchema } from '../../domain/date-schemas.js';
import type { Store } from '../../domain/ports.js';
import { ingestRuns, overviewSummary, teamLoads } from '../../services/dashboard.js';
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

  app.get('/api/projects/:project/overview', {
    config: { role: 'viewer' },
    schema: {
      tags: ['issues'],
      summary: 'The register at a glance: per tier the open count and counts by status, and the first open issues',
      params: projectParams,
      querystring: z.object({ rows: z.coerce.number().int().min(0).max(100).default(10) }),
    },
  }, async (request) => overviewSummary(store, await loadProject(store, request), request.query.rows));

  app.get('/api/projects/:project/teams/load', {
    config: { role: 'viewer' },
    schema: { tags: ['plan'], summary: "Each team's open issues and the sum of their estimates (by owner name), against its capacity", params: projectParams },
  }, async (request) => ({ items: await teamLoads(store, await loadProject(store, request)) }));

  app.get('/api/projects/:project/ingest/runs', {
    config: { role: 'viewer' },
    schema: {
      tags: ['ingest'],
      summary: 'Ingest runs, newest first, with what each changed; pass nextCursor as cursor for the next page',
      params: projectParams,
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50), cursor: z.coerce.number().int().min(1).optional() }),
    },
  }, async (request) => {
    const { limit, cursor } = request.query;
    return ingestRuns(store, await loadProject(store, request), { limit, ...(cursor !== undefined ? { before: cursor } : {}) });
  });
}
