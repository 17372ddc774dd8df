/// <reference types="vite-plugin-pwa/vanillajs" />
/**
 * Registers the service worker (production builds only): it precaches the app shell and every
 * lazily loaded page so the app opens and records activities without a network. A new version
 * takes over on the next load.
 */
import { registerSW } from 'virtual:pwa-register';

export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  registerSW({ immediate: true });
}
