import type { Project } from '../../domain/model.js';

export const presentProject = (p: Project) => ({
  key: p.key,
  name: p.name,
  title: p.title,
  owner: p.owner,
  date: p.date,
  status: p.status,
  summary: p.summary,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
  version: p.version,
});
