import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '@binhdang/db';
import { prepareTemplate } from './template.js';

export function databaseUrl(base: string, name: string): string {
  const u = new URL(base);
  u.pathname = '/' + name;
  return u.toString();
}

// One template database per run; every test file gets a fresh copy (CREATE DATABASE … TEMPLATE).
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const admin = process.env.DATABASE_URL!;
  const name = `bd_tmpl_${Date.now()}_${process.pid}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  const database = await openDatabase({ databaseUrl: databaseUrl(admin, name) });
  await prepareTemplate(database);
  await database.close();
  project.provide('dbTemplate', name);
  return async () => {
    const left = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2`,
      [`bd_t_${name.slice('bd_tmpl_'.length)}_%`, name],
    );
    for (const r of left.rows) await client.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
    await client.end();
  };
}
