import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Activity } from '@binhdang/domain';
import {
  OfflineDb,
  backoffMs,
  currentOf,
  discard,
  enqueueCreate,
  enqueueUpdate,
  keepMine,
  listQueue,
  makeFetchSender,
  recoverSending,
  syncOnce,
  type Sender,
} from './queue.ts';

const USER = '11111111-1111-4111-8111-111111111111';

/** A server that behaves like the real one where it matters: idempotent creates, versioned patches. */
class FakeServer {
  rows = new Map<string, Activity>();
  posts = 0;
  online = true;
  /** Drop the answer after applying the write (the request arrived, the reply was lost). */
  loseNextAnswer = false;
  refuse: Record<string, string> | null = null;

  fetch = async (path: string, init: RequestInit): Promise<Response> => {
    if (!this.online) throw new TypeError('Failed to fetch');
    const body = JSON.parse(String(init.body)) as Record<string, unknown>;
    const json = (status: number, data: unknown) =>
      new Response(JSON.stringify(data), { status, headers: { 'Content-Type': 'application/json' } });
    let res: Response;
    if (this.refuse) {
      res = json(400, { error: { code: 'validation', message: 'Dữ liệu không hợp lệ', fields: this.refuse } });
    } else if (init.method === 'POST') {
      this.posts++;
      const id = String(body.id);
      const old = this.rows.get(id);
      if (old) res = json(200, old);
      else {
        const row = { ...(body as object), id, version: 1 } as unknown as Activity;
        this.rows.set(id, row);
        res = json(201, row);
      }
    } else {
      const id = decodeURIComponent(path.split('/').pop() ?? '');
      const old = this.rows.get(id);
      if (!old) res = json(404, { error: { code: 'not_found', message: 'Không tìm thấy', fields: {} } });
      else if (old.version !== body.version)
        res = json(409, { error: { code: 'conflict', message: 'Đã bị sửa', fields: {}, current: old } });
      else {
        const { version: _v, ...fields } = body;
        void _v;
        const row = { ...old, ...fields, version: old.version + 1 } as Activity;
        this.rows.set(id, row);
        res = json(200, row);
      }
    }
    if (this.loseNextAnswer) {
      this.loseNextAnswer = false;
      throw new TypeError('network changed');
    }
    return res;
  };
}

function input(title: string) {
  return {
    id: randomUUID(),
    kind: 'conference',
    title,
    startDate: '2026-11-20',
    endDate: '2026-11-20',
    audiences: ['women'],
    participantsFemale: 10,
    participantsMale: 5,
    participantsTotal: 15,
  };
}
const summary = (title: string) => ({ title, startDate: '2026-11-20', kind: 'conference' });

let db: OfflineDb;
let server: FakeServer;
let send: Sender;

beforeEach(() => {
  db = new OfflineDb(`test-${randomUUID()}`, { indexedDB, IDBKeyRange });
  server = new FakeServer();
  send = makeFetchSender(server.fetch);
});
afterEach(async () => {
  await db.delete();
});

describe('offline queue', () => {
  it('keeps writes made offline and sends each exactly once when the network returns', async () => {
    server.online = false;
    const a = input('Hội nghị A');
    const b = input('Hội nghị B');
    await enqueueCreate(db, { userId: USER, input: a, summary: summary(a.title), now: 1000 });
    await enqueueCreate(db, { userId: USER, input: b, summary: summary(b.title), now: 2000 });

    const offline = await syncOnce(db, send, { userId: USER, now: 3000 });
    expect(offline.stopped).toBe('network');
    expect(offline.waiting).toBe(2);
    const after = await listQueue(db, USER);
    expect(after.map((i) => i.summary.title)).toEqual(['Hội nghị A', 'Hội nghị B']);
    // The first failed and waits its backoff; the second was never tried (the network is down).
    expect(after[0]?.attempts).toBe(1);
    expect(after[0]?.nextAttemptAt).toBe(3000 + backoffMs(1));
    expect(after[1]?.attempts).toBe(0);

    server.online = true;
    // Not due yet without force.
    const early = await syncOnce(db, send, { userId: USER, now: 4000 });
    expect(early.sent).toHaveLength(1);
    expect(early.sent[0]?.title).toBe('Hội nghị B');
    const online = await syncOnce(db, send, { userId: USER, now: 4000, force: true });
    expect(online.sent.map((x) => x.title)).toEqual(['Hội nghị A']);
    expect(await db.queue.count()).toBe(0);
    expect(server.rows.size).toBe(2);
  });

  it('replaying the same queue twice (lost answer, second tab) creates no duplicate', async () => {
    const a = input('Tập huấn');
    await enqueueCreate(db, { userId: USER, input: a, summary: summary(a.title) });
    const copy = await listQueue(db, USER);
    server.loseNextAnswer = true;
    const first = await syncOnce(db, send, { userId: USER });
    expect(first.stopped).toBe('network');
    expect(server.rows.size).toBe(1); // it did arrive
    const second = await syncOnce(db, send, { userId: USER, force: true });
    expect(second.sent).toHaveLength(1);
    // Another tab that still held the old queue replays it.
    await db.queue.bulkPut(copy);
    await syncOnce(db, send, { userId: USER, force: true });
    expect(server.posts).toBe(3);
    expect(server.rows.size).toBe(1);
    expect(await db.queue.count()).toBe(0);
  });

  it('a refused write stays queued with the server message and field errors until fixed', async () => {
    const a = input('Sai');
    await enqueueCreate(db, { userId: USER, input: a, summary: summary(a.title) });
    server.refuse = { participantsTotal: 'Tổng nhỏ hơn nữ + nam' };
    const r = await syncOnce(db, send, { userId: USER });
    expect(r.errors).toBe(1);
    const [item] = await listQueue(db, USER);
    expect(item?.state).toBe('error');
    expect(item?.fields).toEqual({ participantsTotal: 'Tổng nhỏ hơn nữ + nam' });
    // Not resent by later passes until the user fixes it.
    server.refuse = null;
    expect((await syncOnce(db, send, { userId: USER, force: true })).sent).toHaveLength(0);
    await enqueueCreate(db, { userId: USER, input: { ...a, participantsTotal: 20 }, summary: summary(a.title) });
    const fixed = await syncOnce(db, send, { userId: USER });
    expect(fixed.sent[0]?.participantsTotal).toBe(20);
    expect(await db.queue.count()).toBe(0);
  });

  it('a stale update becomes a conflict holding the server version; keep mine resends on top of it', async () => {
    const a = input('Gốc');
    await enqueueCreate(db, { userId: USER, input: a, summary: summary(a.title) });
    await syncOnce(db, send, { userId: USER });
    // Someone else edits on the server.
    const row = server.rows.get(a.id)!;
    server.rows.set(a.id, { ...row, title: 'Của người khác', version: 2 });

    await enqueueUpdate(db, {
      userId: USER,
      activityId: a.id,
      baseVersion: 1,
      patch: { title: 'Của tôi' },
      summary: summary('Của tôi'),
    });
    const r = await syncOnce(db, send, { userId: USER });
    expect(r.conflicts).toBe(1);
    const [item] = await listQueue(db, USER);
    expect(item?.state).toBe('conflict');
    expect(item?.current?.title).toBe('Của người khác');
    expect(server.rows.get(a.id)?.title).toBe('Của người khác');
    // Conflicts are never resent nor dropped on their own.
    await syncOnce(db, send, { userId: USER, force: true });
    expect(await db.queue.count()).toBe(1);

    await keepMine(db, a.id);
    const again = await syncOnce(db, send, { userId: USER });
    expect(again.sent[0]?.title).toBe('Của tôi');
    expect(server.rows.get(a.id)?.version).toBe(3);
    expect(await db.queue.count()).toBe(0);
  });

  it('taking the server version discards the queued change', async () => {
    const a = input('Gốc');
    server.rows.set(a.id, { ...a, version: 5 } as unknown as Activity);
    await enqueueUpdate(db, {
      userId: USER,
      activityId: a.id,
      baseVersion: 4,
      patch: { title: 'X' },
      summary: summary('X'),
    });
    await syncOnce(db, send, { userId: USER });
    expect((await listQueue(db, USER))[0]?.state).toBe('conflict');
    await discard(db, a.id);
    expect(await db.queue.count()).toBe(0);
    expect(server.rows.get(a.id)?.title).toBe('Gốc');
  });

  it('editing a queued create folds into it: one POST with the latest values', async () => {
    server.online = false;
    const a = input('Bản đầu');
    await enqueueCreate(db, { userId: USER, input: a, summary: summary(a.title) });
    await enqueueUpdate(db, {
      userId: USER,
      activityId: a.id,
      baseVersion: 0,
      patch: { title: 'Bản sửa', participantsFemale: 12, participantsTotal: 17 },
      summary: summary('Bản sửa'),
    });
    expect(await db.queue.count()).toBe(1);
    server.online = true;
    await syncOnce(db, send, { userId: USER, force: true });
    expect(server.posts).toBe(1);
    expect(server.rows.get(a.id)).toMatchObject({ title: 'Bản sửa', participantsFemale: 12, version: 1 });
  });

  it('an edit made while the create is on the wire is sent afterwards as an update, not lost', async () => {
    const a = input('Đang gửi');
    await enqueueCreate(db, { userId: USER, input: a, summary: summary(a.title) });
    const slow: Sender = async (item) => {
      // The user saves a change while the POST is in flight.
      await enqueueUpdate(db, {
        userId: USER,
        activityId: a.id,
        baseVersion: 0,
        patch: { title: 'Sửa lúc gửi' },
        summary: summary('Sửa lúc gửi'),
      });
      return send(item);
    };
    await syncOnce(db, slow, { userId: USER });
    const [item] = await listQueue(db, USER);
    expect(item).toMatchObject({ op: 'update', baseVersion: 1, state: 'waiting' });
    await syncOnce(db, send, { userId: USER });
    expect(server.rows.get(a.id)).toMatchObject({ title: 'Sửa lúc gửi', version: 2 });
    expect(await db.queue.count()).toBe(0);
  });

  it('items left "sending" by a reload are sent again; other users\' items are left alone', async () => {
    const a = input('Của tôi');
    const b = input('Của người khác');
    await enqueueCreate(db, { userId: USER, input: a, summary: summary(a.title) });
    await enqueueCreate(db, { userId: 'other', input: b, summary: summary(b.title) });
    await db.queue.update(a.id, { state: 'sending' });
    expect(await recoverSending(db)).toBe(1);
    const r = await syncOnce(db, send, { userId: USER });
    expect(r.sent.map((x) => x.title)).toEqual(['Của tôi']);
    expect((await listQueue(db, 'other')).length).toBe(1);
  });

  it('a signed-out session stops the pass and keeps everything; server errors back off', async () => {
    const a = input('A');
    await enqueueCreate(db, { userId: USER, input: a, summary: summary(a.title) });
    const unauth: Sender = async () => ({ kind: 'unauthenticated', message: 'Hãy đăng nhập' });
    const r = await syncOnce(db, unauth, { userId: USER });
    expect(r.stopped).toBe('unauthenticated');
    expect((await listQueue(db, USER))[0]?.state).toBe('waiting');
    const broken = makeFetchSender(async () => new Response('{}', { status: 503 }));
    await syncOnce(db, broken, { userId: USER, now: 0 });
    expect((await listQueue(db, USER))[0]).toMatchObject({
      state: 'waiting',
      attempts: 1,
      nextAttemptAt: backoffMs(1),
    });
  });

  it('backoff doubles up to five minutes; the 409 body yields the current record', () => {
    expect([1, 2, 3, 10].map(backoffMs)).toEqual([5000, 10000, 20000, 300000]);
    const cur = { id: 'x', version: 3 };
    expect(currentOf({ error: { current: cur } })).toEqual(cur);
    expect(currentOf({ error: { details: { current: cur } } })).toEqual(cur);
    expect(currentOf({ error: {} })).toBeNull();
  });
});
