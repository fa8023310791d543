import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { AppError } from './contract.js';
import { BridgeProvider } from './bridge/context.js';
import { createBridge } from './bridge/select.js';
import { App } from './features/shell/App.js';
import './styles/theme.css';
import './styles/app.css';

// Errors a retry cannot fix are shown at once instead of after three silent attempts.
const NO_RETRY = new Set(['VALIDATION', 'NOT_FOUND', 'AUTH_FAILED', 'UNKNOWN_METHOD', 'CONNECTION_FAILED', 'TIMEOUT']);

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, err) => !(err instanceof AppError && NO_RETRY.has(err.code)) && count < 1,
      refetchOnWindowFocus: false,
      staleTime: 10_000,
    },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BridgeProvider bridge={createBridge(window)}>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </BridgeProvider>
  </StrictMode>,
);
