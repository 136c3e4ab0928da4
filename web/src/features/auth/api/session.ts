// Who is logged in, logging in and out (cookie session; the server sets pl_session and pl_csrf).
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../../lib/api-client.ts';

export type Role = 'viewer' | 'member' | 'admin';
export interface SessionUser {
  name: string;
  role: Role;
}

const RANK: Record<Role, number> = { viewer: 0, member: 1, admin: 2 };
export const can = (user: SessionUser | null | undefined, needed: Role): boolean => !!user && RANK[user.role] >= RANK[needed];

/** The user of this browser's session, or null when nobody is logged in. */
export const sessionQuery = queryOptions({
  queryKey: ['session'],
  queryFn: async (): Promise<SessionUser | null> => {
    try {
      return await api<SessionUser>('/api/auth/me');
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  },
  staleTime: 5 * 60_000,
});

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; password: string }) => api<{ user: SessionUser }>('/api/auth/login', { method: 'POST', json: input }),
    onSuccess: (body) => {
      client.clear();
      client.setQueryData(sessionQuery.queryKey, body.user);
    },
  });
}

/** Ends the session, then loads the login page afresh: nothing of the last user stays in memory. */
export function useLogout() {
  return useMutation({
    mutationFn: () => api<unknown>('/api/auth/logout', { method: 'POST' }),
    onSettled: () => window.location.assign('/login'),
  });
}
