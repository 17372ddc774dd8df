/**
 * The offline queue of activity writes. Every create and update is stored here first (IndexedDB
 * through Dexie), then a sync pass sends it. The logic takes the database and the sender as
 * arguments, so it runs in node tests with fake-indexeddb and a fake server.
 *
 * One item per activity (keyed by the activity's client-generated UUID): editing an activity
 * that is still queued changes the queued item instead of adding a second write. A create that
 * is replayed (a lost answer, two tabs, a reload mid-send) is harmless because the server treats
 * a known id as the same create.
 */
import { Dexie, type DexieOptions, type Table } from 'dexie';
import type { Activity } from '@binhdang/domain';

export type QueueOp = 'create' | 'update';
/** waiting: will be sent; sending: on the wire; conflict: a newer version on the server; error: refused. */
export type QueueState = 'waiting' | 'sending' | 'conflict' | 'error';

export interface QueueSummary {
  title: string;
  startDate: string;
  kind: string;
}

export interface QueueItem {
  /** The activity's UUID (client-generated for a create). */
  activityId: string;
  /** Whose write it is: only the signed-in user's items are sent. */
  userId: string;
  op: QueueOp;
  /** create: the whole input (with id); update: only the changed fields. */
  body: Record<string, unknown>;
  /** update: the version the user edited. */
  baseVersion: number | null;
  summary: QueueSummary;
  state: QueueState;
  /** Bumped on every local edit; a send only removes the item if nothing changed meanwhile. */
  rev: number;
  attempts: number;
  nextAttemptAt: number;
  message: string | null;
  fields: Record<string, string>;
  /** conflict: the server's current record. */
  current: Activity | null;
  createdAt: number;
  updatedAt: number;
}

export class OfflineDb extends Dexie {
  queue!: Table<QueueItem, string>;

  constructor(name = 'binhdang-offline', options?: DexieOptions) {
    super(name, options);
    this.version(1).stores({ queue: 'activityId, userId, createdAt' });
  }
}

/** What a send can end in; anything thrown is read as a network failure. */
export type SendOutcome =
  | { kind: 'ok'; activity: Activity }
  | { kind: 'network'; message: string }
  | { kind: 'retry'; status: number; message: string }
  | { kind: 'unauthenticated'; message: string }
  | { kind: 'conflict'; message: string; current: Activity | null }
  | { kind: 'invalid'; status: number; message: string; fields: Record<string, string> };

export type Sender = (item: QueueItem) => Promise<SendOutcome>;

const BASE_DELAY = 5_000;
const MAX_DELAY = 5 * 60_000;

/** 5 s, 10 s, 20 s … up to 5 min between attempts after network failures. */
export function backoffMs(attempts: number): number {
  return Math.min(MAX_DELAY, BASE_DELAY * 2 ** Math.max(0, attempts - 1));
}

export interface EnqueueCreate {
  userId: string;
  /** The whole activity input, with its client-generated id. */
  input: Record<string, unknown> & { id: string };
  summary: QueueSummary;
  now?: number;
}

/** Queues a new activity, or replaces the body of one that is still queued (fixing it). */
export async function enqueueCreate(db: OfflineDb, e: EnqueueCreate): Promise<QueueItem> {
  const now = e.now ?? Date.now();
  return db.transaction('rw', db.queue, async () => {
    const old = await db.queue.get(e.input.id);
    if (old && old.op === 'update') throw new Error('enqueueCreate: the activity already exists on the server');
    const item: QueueItem = {
      activityId: e.input.id,
      userId: e.userId,
      op: 'create',
      body: { ...e.input },
      baseVersion: null,
      summary: e.summary,
      state: 'waiting',
      rev: (old?.rev ?? 0) + 1,
      attempts: 0,
      nextAttemptAt: 0,
      message: null,
      fields: {},
      current: null,
      createdAt: old?.createdAt ?? now,
      updatedAt: now,
    };
    await db.queue.put(item);
    return item;
  });
}

export interface EnqueueUpdate {
  userId: string;
  activityId: string;
  /** The version the user edited (ignored when the activity is itself still a queued create). */
  baseVersion: number;
  patch: Record<string, unknown>;
  summary: QueueSummary;
  now?: number;
}

/**
 * Queues changed fields of an activity. Folded into a queued create or a queued update of the
 * same activity, so the server sees one write with the latest values.
 */
export async function enqueueUpdate(db: OfflineDb, e: EnqueueUpdate): Promise<QueueItem> {
  const now = e.now ?? Date.now();
  return db.transaction('rw', db.queue, async () => {
    const old = await db.queue.get(e.activityId);
    const item: QueueItem = old
      ? {
          ...old,
          body: { ...old.body, ...e.patch },
          // A conflict the user resolved by editing again: the new base is the one they saw.
          baseVersion: old.op === 'update' ? (old.state === 'conflict' ? e.baseVersion : old.baseVersion) : null,
          summary: e.summary,
          state: 'waiting',
          rev: old.rev + 1,
          attempts: 0,
          nextAttemptAt: 0,
          message: null,
          fields: {},
          current: null,
          updatedAt: now,
        }
      : {
          activityId: e.activityId,
          userId: e.userId,
          op: 'update',
          body: { ...e.patch },
          baseVersion: e.baseVersion,
          summary: e.summary,
          state: 'waiting',
          rev: 1,
          attempts: 0,
          nextAttemptAt: 0,
          message: null,
          fields: {},
          current: null,
          createdAt: now,
          updatedAt: now,
        };
    await db.queue.put(item);
    return item;
  });
}

/** A reload or a crash mid-send leaves items "sending": they are simply sent again. */
export async function recoverSending(db: OfflineDb): Promise<number> {
  return db.queue.filter((i) => i.state === 'sending').modify({ state: 'waiting' });
}

export interface SyncOptions {
  userId: string;
  now?: number;
  /** Ignore the backoff (the network just came back, or the user pressed "send now"). */
  force?: boolean;
  /** Send only this activity (a save waiting for its own answer). */
  only?: string;
}

export interface SyncReport {
  sent: Activity[];
  conflicts: number;
  errors: number;
  /** Still waiting after the pass (network down, backoff, signed out). */
  waiting: number;
  /** The pass stopped early: the network is down or the session ended. */
  stopped: 'network' | 'unauthenticated' | null;
}

/** Sends due items of the user, oldest first. */
export async function syncOnce(db: OfflineDb, send: Sender, opts: SyncOptions): Promise<SyncReport> {
  const now = opts.now ?? Date.now();
  const report: SyncReport = { sent: [], conflicts: 0, errors: 0, waiting: 0, stopped: null };
  const due = (await db.queue.where('userId').equals(opts.userId).sortBy('createdAt')).filter(
    (i) =>
      i.state === 'waiting' && (opts.force || i.nextAttemptAt <= now) && (!opts.only || i.activityId === opts.only),
  );
  for (const queued of due) {
    if (report.stopped) break;
    // Claim the item; another pass (another tab) may have taken or finished it already.
    const claimed = await db.transaction('rw', db.queue, async () => {
      const cur = await db.queue.get(queued.activityId);
      if (!cur || cur.state !== 'waiting') return null;
      await db.queue.update(cur.activityId, { state: 'sending' });
      return cur;
    });
    if (!claimed) continue;
    let outcome: SendOutcome;
    try {
      outcome = await send(claimed);
    } catch (e) {
      outcome = { kind: 'network', message: e instanceof Error ? e.message : String(e) };
    }
    await db.transaction('rw', db.queue, async () => {
      const cur = await db.queue.get(claimed.activityId);
      if (!cur) return;
      const edited = cur.rev !== claimed.rev;
      switch (outcome.kind) {
        case 'ok': {
          report.sent.push(outcome.activity);
          if (!edited) {
            await db.queue.delete(cur.activityId);
            return;
          }
          // Edited while on the wire: what was sent is saved; the rest goes as an update.
          const body = { ...cur.body };
          for (const k of ['id', 'orgUnit', 'source']) delete body[k];
          await db.queue.put({
            ...cur,
            op: 'update',
            body,
            baseVersion: outcome.activity.version,
            state: 'waiting',
            attempts: 0,
            nextAttemptAt: 0,
            message: null,
            fields: {},
          });
          return;
        }
        case 'network':
        case 'retry': {
          const attempts = cur.attempts + 1;
          await db.queue.update(cur.activityId, {
            state: 'waiting',
            attempts,
            nextAttemptAt: now + backoffMs(attempts),
            message: outcome.message,
          });
          if (outcome.kind === 'network') report.stopped = 'network';
          return;
        }
        case 'unauthenticated':
          await db.queue.update(cur.activityId, { state: 'waiting', message: outcome.message });
          report.stopped = 'unauthenticated';
          return;
        case 'conflict':
          report.conflicts++;
          await db.queue.update(cur.activityId, {
            state: edited ? 'waiting' : 'conflict',
            message: outcome.message,
            current: outcome.current,
          });
          return;
        case 'invalid':
          report.errors++;
          await db.queue.update(cur.activityId, {
            state: edited ? 'waiting' : 'error',
            message: outcome.message,
            fields: outcome.fields,
          });
          return;
      }
    });
  }
  report.waiting = await db.queue
    .where('userId')
    .equals(opts.userId)
    .and((i) => i.state === 'waiting')
    .count();
  return report;
}

/** Conflict: send my version again on top of the server's current one. */
export async function keepMine(db: OfflineDb, activityId: string, current?: Activity | null): Promise<void> {
  await db.transaction('rw', db.queue, async () => {
    const cur = await db.queue.get(activityId);
    const theirs = current ?? cur?.current;
    if (!cur || cur.state !== 'conflict' || !theirs) return;
    // A create the server already holds (with other content) goes on as an update of it.
    const body = { ...cur.body };
    if (cur.op === 'create') for (const k of ['id', 'orgUnit', 'source']) delete body[k];
    await db.queue.put({
      ...cur,
      op: 'update',
      body,
      baseVersion: theirs.version,
      state: 'waiting',
      rev: cur.rev + 1,
      attempts: 0,
      nextAttemptAt: 0,
      message: null,
      current: null,
    });
  });
}

/** Conflict or refused write: the user chose to drop their queued change (explicitly). */
export async function discard(db: OfflineDb, activityId: string): Promise<void> {
  await db.queue.delete(activityId);
}

/** A refused or backed-off item goes out on the next pass. */
export async function retryNow(db: OfflineDb, activityId: string): Promise<void> {
  await db.queue.update(activityId, { state: 'waiting', nextAttemptAt: 0 });
}

export async function listQueue(db: OfflineDb, userId: string): Promise<QueueItem[]> {
  return db.queue.where('userId').equals(userId).sortBy('createdAt');
}

/** What the sender puts on the wire for an item. */
export function requestOf(item: QueueItem): { method: 'POST' | 'PATCH'; path: string; body: Record<string, unknown> } {
  if (item.op === 'create') return { method: 'POST', path: '/api/activities', body: item.body };
  return {
    method: 'PATCH',
    path: `/api/activities/${encodeURIComponent(item.activityId)}`,
    body: { ...item.body, version: item.baseVersion ?? 0 },
  };
}

type FetchFn = (input: string, init: RequestInit) => Promise<Response>;

/** The HTTP sender: maps each answer to an outcome. fetch is injected for tests. */
export function makeFetchSender(fetchFn: FetchFn, lang: () => string = () => 'vi'): Sender {
  return async (item) => {
    const req = requestOf(item);
    let res: Response;
    try {
      res = await fetchFn(req.path, {
        method: req.method,
        headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'Accept-Language': lang() },
        credentials: 'same-origin',
        body: JSON.stringify(req.body),
      });
    } catch (e) {
      return { kind: 'network', message: e instanceof Error ? e.message : String(e) };
    }
    let data: unknown = null;
    try {
      const text = await res.text();
      data = text ? JSON.parse(text) : null;
    } catch {
      data = null;
    }
    if (res.ok) return { kind: 'ok', activity: data as Activity };
    const err = (data as { error?: { code?: string; message?: string; fields?: Record<string, string> } } | null)
      ?.error;
    const message = err?.message ?? `HTTP ${res.status}`;
    if (res.status === 401) return { kind: 'unauthenticated', message };
    if (res.status === 409) return { kind: 'conflict', message, current: currentOf(data) };
    if (res.status === 408 || res.status === 429 || res.status >= 500)
      return { kind: 'retry', status: res.status, message };
    return { kind: 'invalid', status: res.status, message, fields: err?.fields ?? {} };
  };
}

/** The server's current record in a 409 body: error.current, error.details.current or current. */
export function currentOf(data: unknown): Activity | null {
  if (typeof data !== 'object' || data === null) return null;
  const d = data as { current?: unknown; error?: { current?: unknown; details?: { current?: unknown } } };
  const c = d.error?.current ?? d.error?.details?.current ?? d.current;
  return typeof c === 'object' && c !== null && 'id' in c && 'version' in c ? (c as Activity) : null;
}
