/**
 * Last answers kept on the device (localStorage) for when the network is unreachable: the
 * signed-in user and the reference data the activity form needs. Only a network failure falls
 * back to them; any answer from the server (a 401 above all) is the truth.
 */
import { isApiError } from '../api/client.ts';

const PREFIX = 'binhdang.cache.';

function read<T>(key: string): T | undefined {
  try {
    const raw = localStorage.getItem(PREFIX + key);
    return raw ? (JSON.parse(raw) as T) : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps an answer obtained elsewhere (the sign-in answers who the user is). */
export function remember(key: string, value: unknown): void {
  write(key, value);
}

function write(key: string, value: unknown): void {
  try {
    localStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // Storage full or blocked: the app still works online.
  }
}

export function forget(key: string): void {
  try {
    localStorage.removeItem(PREFIX + key);
  } catch {
    // nothing kept
  }
}

/** Drops every kept answer (sign-out: they belonged to this user). */
export function forgetAll(): void {
  try {
    for (const k of Object.keys(localStorage)) if (k.startsWith(PREFIX)) localStorage.removeItem(k);
  } catch {
    // nothing kept
  }
}

export function isNetworkError(e: unknown): boolean {
  return isApiError(e) && e.status === 0;
}

/** Fetches and keeps the answer; with the network down, answers the kept one if there is one. */
export async function withOfflineCache<T>(key: string, fetcher: () => Promise<T>): Promise<T> {
  try {
    const value = await fetcher();
    write(key, value);
    return value;
  } catch (e) {
    if (isNetworkError(e)) {
      const kept = read<T>(key);
      if (kept !== undefined) return kept;
    } else if (isApiError(e) && e.status === 401) {
      forget(key);
    }
    throw e;
  }
}
