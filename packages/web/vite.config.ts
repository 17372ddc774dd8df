import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// In development the API runs separately (`binhdang serve`, port 3000, or BINHDANG_API); in
// production the server serves dist/ itself, so API calls stay same-origin either way.
const api = process.env.BINHDANG_API ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { '/api': api },
  },
  preview: {
    proxy: { '/api': api },
  },
  build: {
    // BINHDANG_WEB_DIST: a separate output for parallel e2e runs (the server reads the same variable).
    outDir: process.env.BINHDANG_WEB_DIST ?? 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
  },
});
