import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import './ui/global.css';
import { initI18n } from './i18n/index.ts';
import { App } from './App.tsx';
import { registerServiceWorker } from './offline/register.ts';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');

registerServiceWorker();

// Strings must be ready before the first render so no raw key flashes on screen.
void initI18n().then(() => {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
