/**
 * PGlite does not lock its data directory, and two processes writing one directory
 * silently lose data. We take our own lock: a file holding the owner's PID.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface LockInfo {
  pid: number;
  hostname: string;
  startedAt: string;
  command: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockInfo,
  ) {
    super(
      `Thư mục dữ liệu ${dataDir} đang được tiến trình PID ${holder.pid} (${holder.command}, từ ${holder.startedAt}) sử dụng. ` +
        `/ The data directory ${dataDir} is in use by process PID ${holder.pid} on ${holder.hostname} ` +
        `("${holder.command}", since ${holder.startedAt}). Stop that process, or set BINHDANG_DATA to another directory.`,
    );
    this.name = 'DataDirLockedError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface DirLock {
  release(): void;
}

/** Takes the lock on `dataDir` or throws DataDirLockedError naming the holder. A stale lock (dead PID) is taken over. */
export function lockDataDir(dataDir: string): DirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'binhdang.lock');
  const me: LockInfo = {
    pid: process.pid,
    hostname: os.hostname(),
    startedAt: new Date().toISOString(),
    command:
      process.argv
        .slice(1)
        .map((a) => path.basename(a))
        .join(' ') || 'node',
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, JSON.stringify(me));
      fs.closeSync(fd);
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        process.off('exit', release);
        try {
          const current = JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
          if (current.pid === process.pid) fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
      process.on('exit', release);
      return { release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let holder: LockInfo | null = null;
      try {
        holder = JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
      } catch {
        holder = null; // unreadable lock: treat as stale
      }
      const sameHost = holder?.hostname === os.hostname();
      if (holder && (!sameHost || isAlive(holder.pid))) throw new DataDirLockedError(dataDir, holder);
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}
