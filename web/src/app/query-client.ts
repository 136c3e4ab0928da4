import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../lib/api-client.ts';

// Live updates arrive over SSE and invalidate what changed, so data can stay fresh for a while;
// a 4xx is an answer, not a network blip: it is not retried.
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
    },
  },
});
