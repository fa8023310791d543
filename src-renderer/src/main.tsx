import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { BridgeProvider } from './bridge/context.js';
import { createBridge } from './bridge/select.js';
import { App } from './features/shell/App.js';
import { createQueryClient } from './queries/client.js';
import './styles/theme.css';
import './styles/app.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BridgeProvider bridge={createBridge(window)}>
      <QueryClientProvider client={createQueryClient()}>
        <App />
      </QueryClientProvider>
    </BridgeProvider>
  </StrictMode>,
);
