import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The official list of 34 provinces and 3,321 communes (MIT, see data/admin-units/LICENSE). */
export const ADMIN_UNITS_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'data',
  'admin-units',
  'vn-units-2026-07-25.json',
);

/** The five seed plans: parser fixtures and demo data. */
export const SEED_PLANS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'data', 'seed-plans');
