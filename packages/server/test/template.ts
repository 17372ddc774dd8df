/** Builds the database every DB test starts from: migrated, administrative units and demo loaded. */
import { migrate, type Database } from '@binhdang/db';
import { loadAdminUnits, loadDemo } from '../src/index.js';

export async function prepareTemplate(database: Database): Promise<void> {
  await migrate(database);
  await loadAdminUnits(database.db);
  await loadDemo(database.db);
}
