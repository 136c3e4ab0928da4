import { createRootRoute, createRoute, createRouter } from '@tanstack/react-router';
import { Shell } from './shell.tsx';

const rootRoute = createRootRoute({ component: Shell });

const overviewRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  component: () => <h1>punchlist</h1>,
});

const routeTree = rootRoute.addChildren([overviewRoute]);

export const router = createRouter({ routeTree, defaultPreload: 'intent', scrollRestoration: true });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
