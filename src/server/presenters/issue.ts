// What the API says about an issue: a whitelist, so internal fields (row ids, grouping keys,
// which fields a person set by hand) never leak and new columns are not published by accident.
import type { AuditEvent, Issue, IssueComment } from '../../domain/model.js';

export const presentIssue = (i: Issue) => ({
  key: i.key,
  title: i.title,
  description: i.description,
  severity: i.severity,
  status: i.status,
  owner: i.owner,
  estimateMinutes: i.estimateMinutes,
  dueDate: i.dueDate,
  files: i.files,
  phase: i.phase,
  labels: i.labels,
  links: i.links,
  source: i.source,
  extra: i.extra,
  createdAt: i.createdAt,
  updatedAt: i.updatedAt,
  startedAt: i.startedAt,
  resolvedAt: i.resolvedAt,
  version: i.version,
});

export const presentComment = (c: IssueComment) => ({ id: c.id, author: c.author, body: c.body, at: c.at });

export const presentEvent = (e: AuditEvent) => ({
  id: e.id,
  at: e.at,
  actor: e.actor,
  action: e.action,
  entity: e.entity,
  entityKey: e.entityKey,
  data: e.data,
});
