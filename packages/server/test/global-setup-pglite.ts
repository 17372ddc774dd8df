import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '@binhdang/db';
import { prepareTemplate } from './template.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dbTemplate: string;
  }
}

// Creating a PGlite cluster takes seconds; each test file instead loads a dump of this one.
export default async function setup(project: TestProject): Promise<() => void> {
  const database = await openDatabase({ dataDir: null, databaseUrl: '' });
  await prepareTemplate(database);
  const dump = await database.pglite!.dumpDataDir('none');
  await database.close();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'binhdang-tmpl-')), 'template.tar');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('dbTemplate', file);
  return () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
}
