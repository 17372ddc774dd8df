/** Applies SQL migration files in name order, each once, each in its own transaction. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database } from './database.js';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'migrations');

export function listMigrations(dir = MIGRATIONS_DIR): { name: string; sql: string }[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => ({ name, sql: fs.readFileSync(path.join(dir, name), 'utf8') }));
}

/** Returns the names of the migrations it applied. Safe to run at every start. */
export async function migrate(database: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  await sql`CREATE TABLE IF NOT EXISTS schema_migration (
    name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`.execute(database.db);
  const done = new Set((await database.db.selectFrom('schema_migration').select('name').execute()).map((r) => r.name));
  const applied: string[] = [];
  for (const m of listMigrations(dir)) {
    if (done.has(m.name)) continue;
    // The advisory lock keeps two servers starting together from applying the same file twice.
    const quoted = m.name.replace(/'/g, "''");
    await database.execScript(
      `SELECT pg_advisory_xact_lock(7243901);\n${m.sql}\n;INSERT INTO schema_migration (name) VALUES ('${quoted}') ON CONFLICT DO NOTHING;`,
    );
    applied.push(m.name);
  }
  return applied;
}
