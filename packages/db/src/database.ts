/**
 * One entry point to the database: embedded PGlite by default, a PostgreSQL server when
 * DATABASE_URL is set. Both run the same migrations and the same Kysely queries.
 */
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import { lockDataDir, type DirLock } from './lock.js';
import type { DB } from './schema.js';

export type DbKind = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  kind: DbKind;
  /** Runs a multi-statement SQL script (migrations) in one transaction. */
  execScript(sql: string): Promise<void>;
  /** Only for PGlite: the raw handle (dump/load data dir in tests, COPY in bulk loads). */
  pglite?: PGlite;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres://… — when set, the server is used and the data directory ignored. */
  databaseUrl?: string | undefined;
  /** Product data directory; PGlite lives in <dataDir>/pg. Null means in-memory PGlite (tests). */
  dataDir?: string | null;
  /** A PGlite data-dir tarball to start from (tests copy one migrated database). */
  loadDataDir?: Blob;
  poolSize?: number;
}

const DATE_OID = 1082;
const INT8_OID = 20;
// Dates stay 'YYYY-MM-DD' strings (a JS Date would shift them by the time zone);
// bigserial ids fit in a double for the life of this product.
const parseDate = (v: string): string => v;
const parseInt8 = (v: string): number => Number(v);

export function defaultDataDir(): string {
  return path.resolve(process.env.BINHDANG_DATA ?? path.join(process.cwd(), 'data', 'db'));
}

export async function openDatabase(opts: OpenOptions = {}): Promise<Database> {
  const url = opts.databaseUrl ?? process.env.DATABASE_URL;
  if (url) return openPostgres(url, opts.poolSize ?? 10);
  const dataDir = opts.dataDir === undefined ? defaultDataDir() : opts.dataDir;
  return openPglite(dataDir, opts.loadDataDir);
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    // The indicator statements are short but wide (one expression per month): PostgreSQL's JIT
    // would spend longer compiling them than running them once row estimates grow.
    options: '-c jit=off',
    types: {
      getTypeParser: ((oid: number, format?: string) => {
        if (oid === DATE_OID) return parseDate;
        if (oid === INT8_OID) return parseInt8;
        return pg.types.getTypeParser(oid, format as 'text');
      }) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection can die (server restart, pg_terminate_backend, a test dropping its
  // database): the pool discards it and connects again on demand. Without a listener
  // node-postgres rethrows the error and the whole process dies.
  let closing = false;
  pool.on('error', (err) => {
    if (!closing) console.warn(`database: an idle connection was lost (${err.message})`);
  });
  // A dead server is reported at open, not at the first request.
  const client = await pool.connect();
  client.release();
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'postgres',
    async execScript(script) {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        await c.query(script);
        await c.query('COMMIT');
      } catch (e) {
        await c.query('ROLLBACK');
        throw e;
      } finally {
        c.release();
      }
    },
    async close() {
      closing = true;
      await db.destroy();
    },
  };
}

async function openPglite(dataDir: string | null, loadDataDir?: Blob): Promise<Database> {
  let lock: DirLock | null = null;
  if (dataDir !== null) lock = lockDataDir(dataDir);
  try {
    const pglite = await PGlite.create({
      ...(dataDir !== null ? { dataDir: path.join(dataDir, 'pg') } : {}),
      ...(loadDataDir ? { loadDataDir } : {}),
      parsers: { [DATE_OID]: parseDate, [INT8_OID]: parseInt8 },
    });
    const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
    return {
      db,
      kind: 'pglite',
      pglite,
      async execScript(script) {
        await pglite.transaction(async (tx) => {
          await tx.exec(script);
        });
      },
      async close() {
        try {
          await db.destroy(); // closes the PGlite instance
        } finally {
          lock?.release();
        }
      },
    };
  } catch (e) {
    lock?.release();
    throw e;
  }
}
