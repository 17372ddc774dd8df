/**
 * Code-based routes. The pathless "app" layout demands a session (GET /api/me) and sends
 * visitors to /login with a redirect back; /login itself is public.
 */
import type { QueryClient } from '@tanstack/react-query';
import {
  Outlet,
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  redirect,
} from '@tanstack/react-router';
import { isApiError } from './api/client.ts';
import { meQuery } from './auth/api.ts';
import { LoginPage } from './auth/LoginPage.tsx';
import { applyLang } from './i18n/index.ts';
import { AppLayout } from './layout/AppLayout.tsx';
import { NotFound } from './layout/NotFound.tsx';
import { HomePage } from './home/HomePage.tsx';
import { validatePlanListSearch, type PlanListSearch } from './plans/search.ts';
import {
  validateCompletenessSearch,
  validateReportListSearch,
  type CompletenessSearch,
  type ReportListSearch,
} from './reports/search.ts';
import {
  validateActivityListSearch,
  validateActivityNewSearch,
  type ActivityListSearch,
  type ActivityNewSearch,
} from './activities/search.ts';
import { validateIndicatorsSearch, type IndicatorsSearch } from './indicators/search.ts';
import { validateCampaignsSearch, type CampaignsSearch } from './campaigns/search.ts';

interface RouterContext {
  queryClient: QueryClient;
}

interface LoginSearch {
  redirect?: string;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFound,
});

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: (search: Record<string, unknown>): LoginSearch =>
    typeof search.redirect === 'string' ? { redirect: search.redirect } : {},
  beforeLoad: async ({ context }) => {
    // Already signed in: the login page has nothing to offer.
    const me = await context.queryClient.ensureQueryData(meQuery).catch(() => null);
    if (me) throw redirect({ to: '/' });
  },
  component: LoginPage,
});

const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    try {
      const me = await context.queryClient.ensureQueryData(meQuery);
      // The account's saved language wins on every device.
      await applyLang(me.user.locale);
      return { me };
    } catch (e) {
      if (isApiError(e) && e.status === 401) {
        throw redirect({ to: '/login', search: { redirect: location.href } });
      }
      throw e;
    }
  },
  component: AppLayout,
});

const homeRoute = createRoute({ getParentRoute: () => appRoute, path: '/', component: HomePage });

const orgIndexRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/org',
  // The explorer starts at the user's own unit.
  beforeLoad: ({ context }) => {
    throw redirect({ to: '/org/$idOrCode', params: { idOrCode: context.me.orgUnit.code }, replace: true });
  },
});

const orgUnitRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/org/$idOrCode',
  // Feature pages load on first visit: a commune on a weak link downloads only what it opens.
  component: lazyRouteComponent(() => import('./org/OrgExplorerPage.tsx'), 'OrgExplorerPage'),
});

const usersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/users',
  component: lazyRouteComponent(() => import('./users/UsersPage.tsx'), 'UsersPage'),
});
const accountRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/account',
  component: lazyRouteComponent(() => import('./account/AccountPage.tsx'), 'AccountPage'),
});

const plansRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/plans',
  // Filters live in the URL: the back button and shared links keep the same list.
  validateSearch: (search: Record<string, unknown>): PlanListSearch => validatePlanListSearch(search),
  component: lazyRouteComponent(() => import('./plans/PlanListPage.tsx'), 'PlanListPage'),
});
const planNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/plans/new',
  component: lazyRouteComponent(() => import('./plans/PlanFormPages.tsx'), 'PlanNewPage'),
});
const planImportRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/plans/import',
  component: lazyRouteComponent(() => import('./plans/PlanFormPages.tsx'), 'PlanImportPage'),
});
const planRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/plans/$id',
  component: lazyRouteComponent(() => import('./plans/PlanPage.tsx'), 'PlanPage'),
});
const planEditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/plans/$id/edit',
  component: lazyRouteComponent(() => import('./plans/PlanFormPages.tsx'), 'PlanEditPage'),
});

const activitiesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/activities',
  validateSearch: (search: Record<string, unknown>): ActivityListSearch => validateActivityListSearch(search),
  component: lazyRouteComponent(() => import('./activities/ActivitiesPage.tsx'), 'ActivitiesPage'),
});
const activityNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/activities/new',
  validateSearch: (search: Record<string, unknown>): ActivityNewSearch => validateActivityNewSearch(search),
  component: lazyRouteComponent(() => import('./activities/ActivityNewPage.tsx'), 'ActivityNewPage'),
});
const activityImportRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/activities/import',
  component: lazyRouteComponent(() => import('./activities/import/ActivityImportPage.tsx'), 'ActivityImportPage'),
});
const activityRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/activities/$id',
  component: lazyRouteComponent(() => import('./activities/ActivityPage.tsx'), 'ActivityPage'),
});
const campaignsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/campaigns',
  validateSearch: (search: Record<string, unknown>): CampaignsSearch => validateCampaignsSearch(search),
  component: lazyRouteComponent(() => import('./campaigns/CampaignsPage.tsx'), 'CampaignsPage'),
});
const indicatorsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/indicators',
  // Unit, period, tab and pivot choices live in the URL: drill-downs and the back button agree.
  validateSearch: (search: Record<string, unknown>): IndicatorsSearch => validateIndicatorsSearch(search),
  component: lazyRouteComponent(() => import('./indicators/IndicatorsPage.tsx'), 'IndicatorsPage'),
});
const reportsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/reports',
  validateSearch: (search: Record<string, unknown>): ReportListSearch => validateReportListSearch(search),
  component: lazyRouteComponent(() => import('./reports/ReportsPage.tsx'), 'ReportsPage'),
});
const reportInboxRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/reports/inbox',
  component: lazyRouteComponent(() => import('./reports/InboxPage.tsx'), 'InboxPage'),
});
const reportCompletenessRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/reports/completeness',
  validateSearch: (search: Record<string, unknown>): CompletenessSearch => validateCompletenessSearch(search),
  component: lazyRouteComponent(() => import('./reports/CompletenessPage.tsx'), 'CompletenessPage'),
});
const reportRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/reports/$id',
  component: lazyRouteComponent(() => import('./reports/ReportPage.tsx'), 'ReportPage'),
});

const routeTree = rootRoute.addChildren([
  loginRoute,
  appRoute.addChildren([
    homeRoute,
    orgIndexRoute,
    orgUnitRoute,
    plansRoute,
    planNewRoute,
    planImportRoute,
    planRoute,
    planEditRoute,
    activitiesRoute,
    activityNewRoute,
    activityImportRoute,
    activityRoute,
    campaignsRoute,
    indicatorsRoute,
    reportsRoute,
    reportInboxRoute,
    reportCompletenessRoute,
    reportRoute,
    usersRoute,
    accountRoute,
  ]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    defaultPreloadStaleTime: 0, // TanStack Query owns freshness
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
