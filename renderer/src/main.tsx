import '@cloudscape-design/global-styles/index.css';
import { I18nProvider } from '@cloudscape-design/components/i18n';
import enMessages from '@cloudscape-design/components/i18n/messages/all.en';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { applyInitialColorMode } from './app/color-mode.js';
import { NoticeStore } from './app/notifications.js';

// AG Grid's modules are registered by the screens that show grids (components/ag-grid-setup.ts).
applyInitialColorMode();

// Caches are fed by push events (api/live-updates.ts): nothing refetches on a timer or on focus.
const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: Infinity,
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
      retry: false,
    },
    mutations: { retry: false },
  },
});
const notices = new NoticeStore();

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <I18nProvider locale="en" messages={[enMessages]}>
      <QueryClientProvider client={queryClient}>
        <App notices={notices} />
      </QueryClientProvider>
    </I18nProvider>
  </StrictMode>,
);
