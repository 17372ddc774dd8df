/** Removes the run's throw-away database directory (about 40 MB each) once the tests are done. */
import fs from 'node:fs';

export default function globalTeardown(): void {
  const dir = process.env.BINHDANG_E2E_DATA;
  if (dir && dir.includes('binhdang-e2e-')) fs.rmSync(dir, { recursive: true, force: true });
}
