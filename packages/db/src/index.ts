export * from './database.js';
export * from './lock.js';
export * from './migrate.js';
export type * from './schema.js';
export { ADMIN_UNITS_FILE, SEED_PLANS_DIR } from './data.js';
