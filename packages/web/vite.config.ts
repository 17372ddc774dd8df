import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

// In development the API runs separately (`binhdang serve`, port 3000, or BINHDANG_API); in
// production the server serves dist/ itself, so API calls stay same-origin either way.
const api = process.env.BINHDANG_API ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [
    react(),
    // Installable app that opens offline: the service worker precaches the shell and every lazy
    // page. The API is never cached (the offline queue owns writes; reference data is kept by
    // the app itself), so a signed-out or changed answer cannot be served stale.
    VitePWA({
      strategies: 'generateSW',
      registerType: 'autoUpdate',
      injectRegister: false, // src/offline/register.ts registers it (no inline script: CSP)
      includeAssets: ['favicon.svg', 'icons/apple-touch-icon.png'],
      manifest: {
        name: 'Bình đẳng giới',
        short_name: 'Bình đẳng giới',
        description: 'Chương trình Truyền thông về bình đẳng giới đến năm 2030',
        lang: 'vi',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        theme_color: '#7048e8',
        background_color: '#ffffff',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
        shortcuts: [{ name: 'Ghi hoạt động', url: '/activities/new' }],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff2,webmanifest}'],
        // Charts make the largest lazy chunk; it must still be precached to open offline.
        maximumFileSizeToCacheInBytes: 6 * 1024 * 1024,
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
        runtimeCaching: [],
      },
    }),
  ],
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
