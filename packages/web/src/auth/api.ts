/** Session queries and commands: who is signed in, sign in/out, language, password. */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, patch, post } from '../api/client.ts';
import type { Me, Permission } from '../api/types.ts';
import { applyLang, type Lang } from '../i18n/index.ts';
import { forgetAll, remember, withOfflineCache } from '../offline/cache.ts';

export const meQuery = queryOptions({
  queryKey: ['me'],
  // Offline, the last answer keeps the app open (a reload must not bounce to the login page);
  // a 401 from the server always wins and forgets it.
  queryFn: () => withOfflineCache('me', () => get<Me>('/api/me')),
  retry: false,
  staleTime: 5 * 60_000,
});

/** The signed-in user; only used below the authenticated layout, where it is always loaded. */
export function useMe(): Me {
  const { data } = useQuery(meQuery);
  if (!data) throw new Error('useMe outside the signed-in layout');
  return data;
}

export function useCan(permission: Permission): boolean {
  return useMe().permissions.includes(permission);
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; password: string }) => post<Me>('/api/auth/login', body),
    onSuccess: (me) => {
      // Another account's kept answers must not show through (offline fallbacks).
      forgetAll();
      remember('me', me);
      qc.setQueryData(meQuery.queryKey, me);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => post<{ ok: true }>('/api/auth/logout'),
    // Whatever the server said, drop every cached answer: they belonged to this user.
    onSettled: () => {
      forgetAll();
      qc.clear();
    },
  });
}

/** Switches the UI language and, when signed in, saves it to the account. */
export function useSetLang() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (lang: Lang) => {
      await applyLang(lang);
      const me = qc.getQueryData(meQuery.queryKey);
      if (me && me.user.locale !== lang) {
        qc.setQueryData(meQuery.queryKey, await patch<Me>('/api/me', { locale: lang }));
        // Server-rendered texts (error messages) follow the saved language; refetch the rest.
        await qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
      }
    },
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      post<{ ok: true }>('/api/me/password', body),
  });
}
