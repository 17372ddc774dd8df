import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { SEED_PLANS_DIR } from '@binhdang/db';
import { PlanParseJson } from '@binhdang/domain';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'binhdang.js');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bd-cli-'));
const env: NodeJS.ProcessEnv = { ...process.env, BINHDANG_DATA: dataDir };
delete env.DATABASE_URL;

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('binhdang plan parse --json', () => {
  it('prints one JSON object in the documented shape for a seed plan', () => {
    const seed = fs.readdirSync(SEED_PLANS_DIR).find((f) => f.startsWith('002'))!;
    const r = run('plan', 'parse', path.join(SEED_PLANS_DIR, seed), '--json');
    expect(r.code).toBe(0);
    const json = PlanParseJson.parse(JSON.parse(r.out));
    expect(json.place).toBe('Lai Châu');
    expect(json.parent_documents).toContain('1790/QĐ-TTg');
    expect(json.reporting).toContainEqual(expect.objectContaining({ frequency: 'annual', deadline: '01/12' }));
    expect(json.targets.length).toBeGreaterThanOrEqual(5);
  });

  it('refuses junk with a message naming the file and a non-zero exit', () => {
    const junk = path.join(dataDir, 'junk.txt');
    fs.writeFileSync(junk, Buffer.from([0, 1, 2, 3, 255, 254, 0, 7]));
    const r = run('plan', 'parse', junk, '--json');
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/file|tệp/i);
  });
});

describe('binhdang user add', () => {
  it('creates the first admin outside demo mode; the password is required and checked', () => {
    expect(run('user', 'add', '-u', 'quantri', '-o', 'VN', '-r', 'admin', '--password', 'short').code).toBe(2);
    const ok = run(
      'user',
      'add',
      '-u',
      'quantri',
      '-o',
      'VN',
      '-r',
      'admin',
      '-n',
      'Quản trị',
      '--password',
      'mat-khau-dai-2026',
    );
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('user quantri created');
    const dup = run('user', 'add', '-u', 'quantri', '-o', 'VN', '-r', 'admin', '--password', 'mat-khau-dai-2026');
    expect(dup.code).toBe(2);
    expect(dup.err).toContain('username');
  }, 120_000);
});
