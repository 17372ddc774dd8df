import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'binhdang.js');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bd-serve-'));
const env: NodeJS.ProcessEnv = { ...process.env, BINHDANG_DATA: dataDir, HOST: '127.0.0.1' };
delete env.DATABASE_URL;
const children: ChildProcess[] = [];

function run(args: string[], port: number) {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function waitForHealth(port: number, timeoutMs: number): Promise<unknown> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (r.ok) return r.json();
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('server did not come up');
}

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('binhdang serve on one data directory', () => {
  it('a second server refuses to start and names the first one’s PID', async () => {
    const first = run(['serve', '--demo'], 3471);
    expect(await waitForHealth(3471, 90_000)).toMatchObject({ status: 'ok', db: 'pglite' });
    const second = run(['serve'], 3472);
    expect(await second.exited).toBe(3);
    expect(second.output()).toContain(`PID ${first.child.pid}`);
    expect(second.output()).toContain(dataDir);
    // The first server is unharmed.
    expect(await waitForHealth(3471, 5_000)).toMatchObject({ status: 'ok' });
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    // After a clean stop the directory is free again and keeps its data.
    const again = run(['migrate'], 3473);
    expect(await again.exited).toBe(0);
    expect(again.output()).toContain('database up to date');
  }, 120_000);
});
