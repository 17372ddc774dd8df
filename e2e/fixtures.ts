/**
 * The test object every spec uses: it fails a test whose page threw or logged an error, which
 * is how a Content-Security-Policy violation or a React crash shows up.
 */
import { test as base, expect } from '@playwright/test';

export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('console', (msg) => {
        // 401/403/400 answers are part of the tests (signed out, out of scope, bad input);
        // Chromium logs each failed request, which says nothing about the page itself.
        if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) errors.push(msg.text());
      });
      await use(errors);
      expect(errors, 'errors in the browser console').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
