import { defineConfig } from 'vitest/config';

// Database tests run on embedded PGlite always, and again on the PostgreSQL server when
// DATABASE_URL is set (CI): the same files, the same assertions, two engines.
const dbTests = ['packages/*/test/**/*.db.test.ts'];
const dbProject = (name: 'pglite' | 'postgres') => ({
  test: {
    name,
    include: name === 'pglite' ? [...dbTests, 'packages/*/test/**/*.pglite.test.ts'] : dbTests,
    globalSetup: [`packages/server/test/global-setup-${name}.ts`],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.unit.test.ts'] } },
      dbProject('pglite'),
      ...(process.env.DATABASE_URL ? [dbProject('postgres')] : []),
    ],
  },
});
