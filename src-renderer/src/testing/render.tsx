import type { ReactElement, ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, renderHook } from '@testing-library/react';
import { AppError, type EventMap, type EventName, type MethodName } from '../contract.js';
import { BridgeProvider } from '../bridge/context.js';
import type { Bridge, LinkState, SubscriptionHandlers } from '../bridge/types.js';

type Handler = (params: never) => unknown;
type Listener = (payload: never) => void;

/**
 * A Bridge whose methods are plain functions; a thrown AppError plays an ok:false outcome.
 * `emit` pushes an event to subscribers and `setLink` plays the WebSocket's state, as main and the transport would.
 */
export function fakeBridge(handlers: Partial<Record<MethodName, Handler>>) {
  const calls: { method: string; params: unknown }[] = [];
  const listeners = new Map<string, Set<Listener>>();
  const linkListeners = new Set<(state: LinkState) => void>();
  let link: LinkState = 'open';
  /** Every subscription started, with the handlers a test can feed and whether it was stopped. */
  const subscriptions: { name: string; params: unknown; handlers: SubscriptionHandlers<never>; stopped: boolean }[] =
    [];
  const bridge: Bridge = {
    async call(method, params) {
      calls.push({ method, params });
      const h = handlers[method];
      if (!h) throw new AppError('UNKNOWN_METHOD', `No fake for ${method}`);
      return (await h(params as never)) as never;
    },
    subscribe(name, params, handlers) {
      const entry = { name, params, handlers: handlers as SubscriptionHandlers<never>, stopped: false };
      subscriptions.push(entry);
      return () => {
        entry.stopped = true;
      };
    },
    onEvent(event, listener) {
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      set.add(listener as Listener);
      return () => set.delete(listener as Listener);
    },
    onLinkChange(listener) {
      linkListeners.add(listener);
      listener(link);
      return () => linkListeners.delete(listener);
    },
  };
  const emit = <E extends EventName>(event: E, payload: EventMap[E]) =>
    listeners.get(event)?.forEach((l) => l(payload as never));
  const setLink = (state: LinkState) => {
    link = state;
    linkListeners.forEach((l) => l(state));
  };
  return { bridge, calls, emit, setLink, subscriptions };
}

/** No retries: a failing fake fails at once. */
export function testQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
}

function providers(bridge: Bridge, client: QueryClient) {
  return function Providers({ children }: { children: ReactNode }) {
    return (
      <BridgeProvider bridge={bridge}>
        <QueryClientProvider client={client}>{children}</QueryClientProvider>
      </BridgeProvider>
    );
  };
}

export function renderWith(ui: ReactElement, bridge: Bridge, client = testQueryClient()) {
  return render(ui, { wrapper: providers(bridge, client) });
}

export function renderHookWith<T>(hook: () => T, bridge: Bridge, client = testQueryClient()) {
  return renderHook(hook, { wrapper: providers(bridge, client) });
}
