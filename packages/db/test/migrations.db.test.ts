import crypto from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { listMigrations, migrate, openDatabase, type Database } from '../src/index.js';
import { databaseUrl } from '../../server/test/global-setup-postgres.js';

const engine = inject('dbTemplate').endsWith('.tar') ? 'pglite' : 'postgres';
let database: Database;
let dropName: string | null = null;

// A brand-new, empty database on the engine of this project.
beforeAll(async () => {
  if (engine === 'pglite') {
    database = await openDatabase({ dataDir: null, databaseUrl: '' });
    return;
  }
  dropName = `bd_mig_${crypto.randomBytes(4).toString('hex')}`;
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  await c.query(`CREATE DATABASE ${dropName}`);
  await c.end();
  database = await openDatabase({ databaseUrl: databaseUrl(process.env.DATABASE_URL!, dropName) });
});

afterAll(async () => {
  await database.close();
  if (dropName) {
    const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${dropName} WITH (FORCE)`);
    await c.end();
  }
});

describe(`migrations on ${engine}`, () => {
  it('apply every file once, in order, and create the tables', async () => {
    expect(database.kind).toBe(engine);
    const applied = await migrate(database);
    expect(applied).toEqual(listMigrations().map((m) => m.name));
    const tables = await sql<{ table_name: string }>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`.execute(
      database.db,
    );
    expect(tables.rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining(['app_user', 'audit_event', 'org_unit', 'schema_migration', 'user_session']),
    );
  });

  it('are a no-op the second time', async () => {
    expect(await migrate(database)).toEqual([]);
    const rows = await database.db.selectFrom('schema_migration').select('name').execute();
    expect(rows.length).toBe(listMigrations().length);
  });

  it('enforce the rules the code relies on (unique codes, known kinds, valid dates)', async () => {
    const base = { name: 'x', search_text: 'x', parent_id: null, province_code: null };
    await database.db
      .insertInto('org_unit')
      .values({ ...base, id: crypto.randomUUID(), code: 'A', kind: 'province', path: 'VN.A' })
      .execute();
    await expect(
      database.db
        .insertInto('org_unit')
        .values({ ...base, id: crypto.randomUUID(), code: 'A', kind: 'province', path: 'VN.B' })
        .execute(),
    ).rejects.toThrow();
    await expect(
      database.db
        .insertInto('org_unit')
        .values({ ...base, id: crypto.randomUUID(), code: 'C', kind: 'planet', path: 'VN.C' })
        .execute(),
    ).rejects.toThrow();
    await expect(
      database.db
        .insertInto('org_unit')
        .values({
          ...base,
          id: crypto.randomUUID(),
          code: 'D',
          kind: 'commune',
          path: 'VN.D',
          valid_from: '2026-01-01',
          valid_to: '2025-01-01',
        })
        .execute(),
    ).rejects.toThrow();
  });

  it('a failing migration leaves nothing behind', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bd-mig-'));
    for (const m of listMigrations()) fs.writeFileSync(path.join(dir, m.name), m.sql);
    fs.writeFileSync(
      path.join(dir, '9999_broken.sql'),
      'CREATE TABLE half_done (id int);\nSELECT * FROM no_such_table;',
    );
    await expect(migrate(database, dir)).rejects.toThrow();
    const half = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'half_done'`.execute(database.db);
    expect(half.rows[0]!.n).toBe(0);
    const recorded = await database.db
      .selectFrom('schema_migration')
      .select('name')
      .where('name', '=', '9999_broken.sql')
      .execute();
    expect(recorded).toEqual([]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
