import { beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../api/client.ts';
import { forgetAll, remember, withOfflineCache } from './cache.ts';

const store = new Map<string, string>();
const storage = {
  getItem: (k: string) => store.get(k) ?? null,
  setItem: (k: string, v: string) => void store.set(k, v),
  removeItem: (k: string) => void store.delete(k),
  key: (i: number) => [...store.keys()][i] ?? null,
  clear: () => store.clear(),
  get length() {
    return store.size;
  },
};
// Object.keys(localStorage) lists the stored keys in a browser; the shim mirrors that.
Object.defineProperty(globalThis, 'localStorage', {
  configurable: true,
  get: () =>
    new Proxy(storage, {
      ownKeys: () => [...store.keys()],
      getOwnPropertyDescriptor: () => ({ enumerable: true, configurable: true }),
    }),
});

const me = { user: { id: 'u1' } };
const offline = () => Promise.reject(new ApiError(0, 'network', 'Không kết nối được máy chủ'));

beforeEach(() => store.clear());

describe('answers kept for offline use', () => {
  it('a network failure answers the last kept value; without one it fails', async () => {
    await expect(withOfflineCache('me', offline)).rejects.toMatchObject({ status: 0 });
    expect(await withOfflineCache('me', async () => me)).toEqual(me);
    expect(await withOfflineCache('me', offline)).toEqual(me);
  });

  it('a 401 from the server wins and forgets the kept answer', async () => {
    remember('me', me);
    await expect(
      withOfflineCache('me', () => Promise.reject(new ApiError(401, 'unauthenticated', 'Hãy đăng nhập'))),
    ).rejects.toMatchObject({ status: 401 });
    await expect(withOfflineCache('me', offline)).rejects.toMatchObject({ status: 0 });
  });

  it('other server errors are not hidden behind the kept answer', async () => {
    remember('me', me);
    await expect(
      withOfflineCache('me', () => Promise.reject(new ApiError(500, 'internal', 'Lỗi'))),
    ).rejects.toMatchObject({
      status: 500,
    });
  });

  it('signing out forgets everything kept', async () => {
    remember('me', me);
    remember('ref.kinds', [1]);
    store.set('binhdang.lang', 'vi');
    forgetAll();
    expect([...store.keys()]).toEqual(['binhdang.lang']);
  });
});
