#!/usr/bin/env node
// The e2e tests drive Debian's Chromium at /usr/bin/chromium. Browsers come only from the
// distribution's packages here, never from a download by Playwright or anyone else.
import { execFileSync, execSync } from 'node:child_process';
import fs from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';

if (fs.existsSync(CHROMIUM)) process.exit(0);

function hasAptGet() {
  try {
    execSync('command -v apt-get', { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot || !hasAptGet()) {
  console.error(
    `${CHROMIUM} is missing. Install Debian's chromium package (as root: apt-get update && apt-get install -y chromium) ` +
      'and run the e2e tests again. No browser is downloaded from anywhere else.',
  );
  process.exit(1);
}

for (const args of [['update'], ['install', '-y', 'chromium']]) {
  console.log(`ensure-chromium: running apt-get ${args.join(' ')}`);
  execFileSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}
if (!fs.existsSync(CHROMIUM)) {
  console.error(`apt-get finished but ${CHROMIUM} is still missing.`);
  process.exit(1);
}
console.log(`ensure-chromium: ${CHROMIUM} installed`);
