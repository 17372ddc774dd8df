/**
 * The browser side of the offline queue: one database, one sync loop per tab (serialised across
 * tabs with a Web Lock), started by the signed-in layout. Passes run on start, when the network
 * comes back, every 30 s and on "send now"; each success refreshes the activity queries.
 */
import { liveQuery } from 'dexie';
import i18next from 'i18next';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Activity } from '@binhdang/domain';
import {
  OfflineDb,
  listQueue,
  makeFetchSender,
  recoverSending,
  syncOnce,
  type QueueItem,
  type SyncReport,
} from './queue.ts';

const INTERVAL_MS = 30_000;
const RETRY_MS = 6_000;
let retryTimer: number | undefined;

let dbInstance: OfflineDb | null = null;
export function offlineDb(): OfflineDb {
  dbInstance ??= new OfflineDb();
  return dbInstance;
}

const sender = makeFetchSender(
  (input, init) => fetch(input, init),
  () => (i18next.language === 'en' ? 'en' : 'vi'),
);

let currentUser: string | null = null;
let queryClient: QueryClient | null = null;
let running: Promise<SyncReport | null> | null = null;
let syncing = false;
const syncingListeners = new Set<() => void>();

function setSyncing(v: boolean) {
  syncing = v;
  for (const l of syncingListeners) l();
}

/** Tells the caches what the server now holds. */
function afterSync(sent: Activity[]) {
  if (!queryClient || sent.length === 0) return;
  for (const a of sent) queryClient.setQueryData(['activity', a.id], a);
  void queryClient.invalidateQueries({ queryKey: ['activities'] });
}

async function pass(opts: { force?: boolean; only?: string }): Promise<SyncReport | null> {
  const userId = currentUser;
  if (!userId) return null;
  const run = () => syncOnce(offlineDb(), sender, { userId, ...opts });
  // Two tabs must not send the same item at once (harmless, but wasteful).
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  const report = locks ? await locks.request('binhdang-activity-sync', run) : await run();
  afterSync(report.sent);
  // The browser says online but the request failed (the link is still coming up): try again
  // soon rather than at the next 30 s tick.
  window.clearTimeout(retryTimer);
  if (report.stopped === 'network' && navigator.onLine) retryTimer = window.setTimeout(() => void syncNow(), RETRY_MS);
  return report;
}

/**
 * Runs a pass now (or joins the one running, then runs again for a specific item). Never throws:
 * a failing database only means nothing was sent.
 */
export async function syncNow(opts: { force?: boolean; only?: string } = {}): Promise<SyncReport | null> {
  while (running) await running.catch(() => null);
  setSyncing(true);
  running = pass(opts).catch(() => null);
  try {
    return await running;
  } finally {
    running = null;
    setSyncing(false);
  }
}

/** Starts the loop for the signed-in user; the returned function stops it. */
function startSync(userId: string, qc: QueryClient): () => void {
  currentUser = userId;
  queryClient = qc;
  const online = () => void syncNow({ force: true });
  window.addEventListener('online', online);
  const timer = window.setInterval(() => {
    if (navigator.onLine) void syncNow();
  }, INTERVAL_MS);
  void recoverSending(offlineDb())
    .catch(() => 0)
    .then(() => syncNow({ force: true }));
  return () => {
    window.removeEventListener('online', online);
    window.clearInterval(timer);
    if (currentUser === userId) currentUser = null;
  };
}

/** Mounted once in the signed-in layout. */
export function useOfflineSync(userId: string): void {
  const qc = useQueryClient();
  useEffect(() => startSync(userId, qc), [userId, qc]);
}

/** The user's queued writes, live. */
export function useQueue(userId: string): QueueItem[] | undefined {
  const [items, setItems] = useState<QueueItem[] | undefined>(undefined);
  useEffect(() => {
    const sub = liveQuery(() => listQueue(offlineDb(), userId)).subscribe({
      next: setItems,
      error: () => setItems([]),
    });
    return () => sub.unsubscribe();
  }, [userId]);
  return items;
}

export function useSyncing(): boolean {
  return useSyncExternalStore(
    (l) => {
      syncingListeners.add(l);
      return () => syncingListeners.delete(l);
    },
    () => syncing,
  );
}

export function useOnline(): boolean {
  return useSyncExternalStore(
    (l) => {
      window.addEventListener('online', l);
      window.addEventListener('offline', l);
      return () => {
        window.removeEventListener('online', l);
        window.removeEventListener('offline', l);
      };
    },
    () => navigator.onLine,
  );
}
