/**
 * Where uploaded files (activity evidence, campaign plan documents) keep their bytes.
 * The database row holds the key, name, type, size and SHA-256; the store holds the bytes.
 * The disk store is the default; an S3-compatible store implements the same three calls
 * (put = PutObject, get = GetObject, delete = DeleteObject) with the key as the object key.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { defaultDataDir } from '@binhdang/db';

export interface BlobStore {
  /** Stores bytes under a key, replacing what was there. */
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The bytes under a key; null when there are none. */
  get(key: string): Promise<Buffer | null>;
  /** Removes a key; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    blobs: BlobStore;
  }
}

/** Keys are ours (never user input): lower-case segments of letters, digits and dashes. */
const KEY = /^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)*$/;

export function checkKey(key: string): void {
  if (!KEY.test(key) || key.length > 300) throw new Error(`invalid blob key ${JSON.stringify(key)}`);
}

/** Files under a root directory; a put writes a temporary file and renames it (no torn files). */
export class DiskBlobStore implements BlobStore {
  constructor(readonly root: string) {}

  private file(key: string): string {
    checkKey(key);
    return path.join(this.root, ...key.split('/'));
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const file = this.file(key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${crypto.randomBytes(6).toString('hex')}.tmp`;
    await fs.writeFile(tmp, bytes);
    await fs.rename(tmp, file);
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await fs.readFile(this.file(key));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.file(key), { force: true });
  }
}

/** The default store: `files/` inside the data directory (BINHDANG_DATA, default ./data/db). */
export function defaultBlobStore(): BlobStore {
  return new DiskBlobStore(path.join(defaultDataDir(), 'files'));
}

/** In-memory store (tests that do not care about the disk). */
export class MemoryBlobStore implements BlobStore {
  readonly blobs = new Map<string, Buffer>();
  async put(key: string, bytes: Buffer): Promise<void> {
    checkKey(key);
    this.blobs.set(key, Buffer.from(bytes));
  }
  async get(key: string): Promise<Buffer | null> {
    return this.blobs.get(key) ?? null;
  }
  async delete(key: string): Promise<void> {
    this.blobs.delete(key);
  }
}
