/** Providers: theme, dates locale, notifications, data cache and the router. */
import { Badge, MantineProvider, createTheme } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from './api/client.ts';
import { createAppRouter } from './router.tsx';

const theme = createTheme({
  primaryColor: 'violet',
  defaultRadius: 'md',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", "DejaVu Sans", Arial, sans-serif',
  components: {
    // Upper-case Vietnamese stacks diacritics on capitals and reads poorly in small badges.
    Badge: Badge.extend({ defaultProps: { tt: 'none' } }),
  },
});

/** A session that ends mid-use (expiry, password change elsewhere) sends the user to sign in again. */
function onAuthLost(error: unknown): void {
  if (!isApiError(error) || error.code !== 'unauthenticated') return;
  if (window.location.pathname === '/login') return;
  queryClient.clear();
  const here = window.location.pathname + window.location.search;
  void router.navigate({ to: '/login', search: { redirect: here } });
}

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onAuthLost }),
  mutationCache: new MutationCache({ onError: onAuthLost }),
  defaultOptions: {
    queries: { refetchOnWindowFocus: false, staleTime: 30_000 },
  },
});

const router = createAppRouter(queryClient);

export function App() {
  const { i18n } = useTranslation();
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <DatesProvider settings={{ locale: i18n.language, firstDayOfWeek: 1 }}>
        <Notifications position="top-center" />
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </DatesProvider>
    </MantineProvider>
  );
}
