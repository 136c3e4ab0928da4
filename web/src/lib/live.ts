// Live updates: one EventSource per open project. Each change the server announces invalidates
// the queries of that project, so every page shows it without a reload.
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

export interface LiveEvent {
  project: string;
  type: string;
  key?: string;
  version?: number;
  at: string;
}

export type LiveState = 'connecting' | 'live' | 'offline';

export const liveUrl = (project: string): string => `/api/projects/${encodeURIComponent(project)}/events`;

export function applyLiveEvent(client: QueryClient, event: LiveEvent): void {
  // Query keys start with the project key (see each feature's api/): everything of it is stale.
  void client.invalidateQueries({ queryKey: [event.project] });
}

export function useLiveEvents(project: string | undefined): LiveState {
  const client = useQueryClient();
  const [state, setState] = useState<LiveState>('connecting');
  useEffect(() => {
    if (!project) return undefined;
    const source = new EventSource(liveUrl(project), { withCredentials: true });
    const onMessage = (message: MessageEvent<string>) => {
      try {
        applyLiveEvent(client, { project, ...(JSON.parse(message.data) as Partial<LiveEvent>) } as LiveEvent);
      } catch {
        // not ours: ignore
      }
    };
    source.onopen = () => setState('live');
    source.onerror = () => setState(source.readyState === EventSource.CLOSED ? 'offline' : 'connecting');
    source.onmessage = onMessage;
    for (const type of ['issue.changed', 'issue.deleted', 'ingest.landed', 'gate.changed', 'project.changed', 'import.landed', 'kpi.recorded', 'checklist.changed', 'project.deleted', 'data.replaced']) {
      source.addEventListener(type, onMessage);
    }
    return () => source.close();
  }, [client, project]);
  return state;
}
