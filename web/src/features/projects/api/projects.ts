import { queryOptions } from '@tanstack/react-query';
import type { Project } from '../../../../../src/domain/model.ts';
import { api } from '../../../lib/api-client.ts';

export type ProjectView = Omit<Project, 'id'>;

export const projectsQuery = queryOptions({
  queryKey: ['projects'],
  queryFn: async () => (await api<{ items: ProjectView[] }>('/api/projects')).items,
});

export const projectQuery = (project: string) =>
  queryOptions({
    queryKey: [project, 'project'],
    queryFn: () => api<ProjectView>(`/api/projects/${encodeURIComponent(project)}`),
  });
