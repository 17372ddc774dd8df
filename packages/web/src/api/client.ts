/**
 * Fetch wrapper for the binhdang API. Every failure becomes an ApiError carrying the server's
 * { code, message, fields }, whose texts are already in the user's language.
 */
import i18next from 'i18next';

export interface ApiErrorBody {
  code: string;
  message: string;
  fields: Record<string, string>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function isErrorBody(v: unknown): v is { error: ApiErrorBody } {
  if (typeof v !== 'object' || v === null || !('error' in v)) return false;
  const e = (v as { error: unknown }).error;
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

export async function api<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    // Signed-in users get their saved language from the server; this covers the login page.
    'Accept-Language': i18next.language === 'en' ? 'en' : 'vi',
  };
  // Uploads go as multipart: the browser sets the boundary in the Content-Type itself.
  const multipart = typeof FormData !== 'undefined' && body instanceof FormData;
  if (body !== undefined && !multipart) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? null : multipart ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', i18next.t('error.network'));
  }
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    if (isErrorBody(data)) {
      throw new ApiError(res.status, data.error.code, data.error.message, data.error.fields ?? {});
    }
    throw new ApiError(res.status, 'http_' + res.status, i18next.t('error.generic'));
  }
  return data as T;
}

export const get = <T>(path: string, query?: Query): Promise<T> => api<T>('GET', withQuery(path, query));
export const post = <T>(path: string, body?: unknown): Promise<T> => api<T>('POST', path, body ?? {});
export const put = <T>(path: string, body: unknown): Promise<T> => api<T>('PUT', path, body);
export const patch = <T>(path: string, body: unknown): Promise<T> => api<T>('PATCH', path, body);
export const del = <T>(path: string, query?: Query): Promise<T> => api<T>('DELETE', withQuery(path, query));

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}
