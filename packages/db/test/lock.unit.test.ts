import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from '../src/lock.js';

const dirs: string[] = [];
const tmp = (): string => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'bd-lock-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('data directory lock', () => {
  it('refuses a second holder and names the first', () => {
    const dir = tmp();
    const lock = lockDataDir(dir);
    let err: unknown;
    try {
      lockDataDir(dir);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataDirLockedError);
    expect((err as DataDirLockedError).holder.pid).toBe(process.pid);
    expect((err as Error).message).toContain(`PID ${process.pid}`);
    lock.release();
    expect(fs.existsSync(path.join(dir, 'binhdang.lock'))).toBe(false);
    lockDataDir(dir).release();
  });

  it('takes over a stale lock left by a dead process', () => {
    const dir = tmp();
    fs.writeFileSync(
      path.join(dir, 'binhdang.lock'),
      JSON.stringify({
        pid: 2 ** 22 + 12345,
        hostname: os.hostname(),
        startedAt: '2026-01-01T00:00:00Z',
        command: 'old',
      }),
    );
    const lock = lockDataDir(dir);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'binhdang.lock'), 'utf8')).pid).toBe(process.pid);
    lock.release();
  });
});
