import type { ReactElement } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { AppError, type MethodName } from '../contract.js';
import { BridgeProvider } from '../bridge/context.js';
import type { Bridge } from '../bridge/types.js';

type Handler = (params: never) => unknown;

/** A Bridge whose methods are plain functions; a thrown AppError plays an ok:false outcome. */
export function fakeBridge(handlers: Partial<Record<MethodName, Handler>>) {
  const calls: { method: string; params: unknown }[] = [];
  const bridge: Bridge = {
    async call(method, params) {
      calls.push({ method, params });
      const h = handlers[method];
      if (!h) throw new AppError('UNKNOWN_METHOD', `No fake for ${method}`);
      return (await h(params as never)) as never;
    },
    subscribe: () => () => {},
  };
  return { bridge, calls };
}

export function renderWith(ui: ReactElement, bridge: Bridge) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(
    <BridgeProvider bridge={bridge}>
      <QueryClientProvider client={client}>{ui}</QueryClientProvider>
    </BridgeProvider>,
  );
}
