/** User administration queries and commands (permission user.manage). */
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { get, patch, post } from '../api/client.ts';
import type { Role, User } from '../api/types.ts';

export const usersQuery = (q: string) =>
  queryOptions({
    queryKey: ['users', q],
    queryFn: () => get<{ items: User[] }>('/api/users', { q, limit: 500 }),
    retry: false,
    placeholderData: keepPreviousData,
  });

export interface CreateUserInput {
  username: string;
  displayName: string;
  password: string;
  orgUnit: string;
  roles: Role[];
  locale: 'vi' | 'en';
}

export interface UpdateUserInput {
  displayName?: string;
  orgUnit?: string;
  roles?: Role[];
  active?: boolean;
  password?: string;
  version: number;
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: CreateUserInput) => post<User>('/api/users', b),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['users'] }),
  });
}

export function useUpdateUser(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: UpdateUserInput) => patch<User>(`/api/users/${id}`, b),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['users'] }),
  });
}
