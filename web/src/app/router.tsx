// Every view of the dashboard is a URL: /p/TB/issues?severity=critical&q=auth is shareable as is.
// Pages are loaded on demand (one chunk each), so the first page carries only what it shows.
import { createRootRoute, createRoute, createRouter, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { sessionQuery } from '../features/auth/api/session.ts';
import { overviewQuery } from '../features/overview/api/overview.ts';
import { queryClient } from './query-client.ts';
import { parseIssueSearch } from './search.ts';
import { Shell } from './shell.tsx';

const rootRoute = createRootRoute({ component: Shell });

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: (raw: Record<string, unknown>): { redirect?: string } => (typeof raw.redirect === 'string' && raw.redirect.startsWith('/') ? { redirect: raw.redirect } : {}),
  component: lazyRouteComponent(() => import('./routes/login.tsx'), 'LoginPage'),
});

const homeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  component: lazyRouteComponent(() => import('./routes/home.tsx'), 'HomePage'),
});

const projectRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/p/$project',
  // Nobody logged in: to the login page, and back here after it.
  beforeLoad: async ({ location }) => {
    const user = await queryClient.ensureQueryData(sessionQuery);
    if (!user) throw redirect({ to: '/login', search: { redirect: location.href } });
  },
  component: lazyRouteComponent(() => import('./project-layout.tsx'), 'ProjectLayout'),
});

const overviewRoute = createRoute({
  getParentRoute: () => projectRoute,
  path: '/',
  // The tiers' one request starts now, while the page's code is still loading (not awaited).
  loader: ({ params }) => {
    void queryClient.prefetchQuery(overviewQuery(params.project));
  },
  component: lazyRouteComponent(() => import('./routes/overview.tsx'), 'OverviewPage'),
});
const issuesRoute = createRoute({
  getParentRoute: () => projectRoute,
  path: '/issues',
  validateSearch: parseIssueSearch,
  component: lazyRouteComponent(() => import('./routes/issues.tsx'), 'IssuesPage'),
});
const issueRoute = createRoute({
  getParentRoute: () => projectRoute,
  path: '/issues/$key',
  component: lazyRouteComponent(() => import('./routes/issue.tsx'), 'IssuePage'),
});
const boardRoute = createRoute({
  getParentRoute: () => projectRoute,
  path: '/board',
  component: lazyRouteComponent(() => import('./routes/board.tsx'), 'BoardPage'),
});

const planPage = <P extends string>(path: P, name: 'ChecklistsPage' | 'RoadmapPage' | 'RisksPage' | 'TeamsPage' | 'EscalationsPage') =>
  createRoute({ getParentRoute: () => projectRoute, path, component: lazyRouteComponent(() => import('./routes/plan-pages.tsx'), name) });
const chartPage = <P extends string>(path: P, name: 'KpisPage' | 'ProgressPage') =>
  createRoute({ getParentRoute: () => projectRoute, path, component: lazyRouteComponent(() => import('./routes/chart-pages.tsx'), name) });
const documentPage = <P extends string>(path: P, name: 'ImportPage' | 'IngestPage' | 'ReportsPage') =>
  createRoute({ getParentRoute: () => projectRoute, path, component: lazyRouteComponent(() => import('./routes/document-pages.tsx'), name) });
const planRoutes = [
  documentPage('/import', 'ImportPage'),
  documentPage('/ingest', 'IngestPage'),
  documentPage('/reports/$kind', 'ReportsPage'),
  planPage('/checklists', 'ChecklistsPage'),
  planPage('/roadmap', 'RoadmapPage'),
  planPage('/risks', 'RisksPage'),
  planPage('/teams', 'TeamsPage'),
  planPage('/escalations', 'EscalationsPage'),
  chartPage('/kpis', 'KpisPage'),
  chartPage('/progress', 'ProgressPage'),
] as const;

const routeTree = rootRoute.addChildren([
  loginRoute,
  homeRoute,
  projectRoute.addChildren([overviewRoute, issuesRoute, issueRoute, boardRoute, ...planRoutes]),
]);

// Plain query strings (`severity=critical,major&open=1`), not JSON in the URL.
const parseSearch = (text: string): Record<string, unknown> => Object.fromEntries(new URLSearchParams(text));
const stringifySearch = (search: Record<string, unknown>): string => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    if (Array.isArray(value)) {
      if (value.length) params.set(key, value.join(','));
    } else params.set(key, value === true ? '1' : String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
};

export const router = createRouter({ routeTree, defaultPreload: 'intent', parseSearch, stringifySearch });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
