/**
 * One save, whatever the network does: the write goes into the offline queue, then a sync pass
 * for just this activity tells the form how it ended (saved, kept for later, refused, conflict).
 */
import type { Activity } from '@binhdang/domain';
import { enqueueCreate, enqueueUpdate, type QueueItem, type QueueSummary } from '../offline/queue.ts';
import { offlineDb, syncNow } from '../offline/sync.ts';
import type { ActivityInputBody } from './form.ts';

export type SaveOutcome =
  | { kind: 'saved'; activity: Activity | null }
  | { kind: 'queued' }
  | { kind: 'invalid'; message: string; fields: Record<string, string> }
  | { kind: 'conflict'; item: QueueItem };

function summaryOf(input: ActivityInputBody): QueueSummary {
  return { title: input.title, startDate: input.startDate, kind: input.kind };
}

async function outcomeOf(activityId: string): Promise<SaveOutcome> {
  const report = await syncNow({ only: activityId, force: true });
  const item = await offlineDb().queue.get(activityId);
  if (!item) return { kind: 'saved', activity: report?.sent.find((a) => a.id === activityId) ?? null };
  if (item.state === 'conflict') return { kind: 'conflict', item };
  if (item.state === 'error') return { kind: 'invalid', message: item.message ?? '', fields: item.fields };
  return { kind: 'queued' };
}

export async function saveNew(userId: string, activityId: string, input: ActivityInputBody): Promise<SaveOutcome> {
  await enqueueCreate(offlineDb(), {
    userId,
    input: { id: activityId, ...input, source: navigator.onLine ? 'web' : 'offline' },
    summary: summaryOf(input),
  });
  return outcomeOf(activityId);
}

/** An edit of a server record (original) or of a create still in the queue (no original). */
export async function saveEdit(
  userId: string,
  activityId: string,
  patch: Partial<ActivityInputBody>,
  input: ActivityInputBody,
  original: Activity | null,
): Promise<SaveOutcome> {
  if (!original) {
    // Still queued: the create itself is corrected (one POST with the latest values).
    const queued = await offlineDb().queue.get(activityId);
    const source = queued?.body.source ?? 'offline';
    await enqueueCreate(offlineDb(), {
      userId,
      input: { id: activityId, ...input, source },
      summary: summaryOf(input),
    });
  } else {
    if (Object.keys(patch).length === 0) return { kind: 'saved', activity: original };
    await enqueueUpdate(offlineDb(), {
      userId,
      activityId,
      baseVersion: original.version,
      patch,
      summary: summaryOf(input),
    });
  }
  return outcomeOf(activityId);
}
