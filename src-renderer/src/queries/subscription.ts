import { useEffect, useRef, useState } from 'react';
import type { AppError, ItemOf, SubscriptionName, SubscriptionParamsOf } from '../contract.js';
import { useBridge } from '../bridge/context.js';

export interface SubscriptionState {
  /** Why the stream stopped, if it failed (a lost link is retried, and shows here meanwhile). */
  error: AppError | null;
  /** True once the stream ended by itself (no more items will come). */
  ended: boolean;
}

/**
 * Runs a subscription while the component is mounted: started again when its params change, and
 * after a lost link to main comes back (`onRestart` lets the owner drop what it had, since the
 * new stream starts over). Streams stay outside react-query on purpose: they are not cached
 * answers. Items arrive in batches; owners should batch their renders too.
 */
export function useSubscription<S extends SubscriptionName>(
  name: S,
  params: SubscriptionParamsOf<S>,
  onItems: (items: ItemOf<S>[]) => void,
  opts: { enabled?: boolean; onRestart?: () => void } = {},
): SubscriptionState {
  const bridge = useBridge();
  const [state, setState] = useState<SubscriptionState>({ error: null, ended: false });
  const handlers = useRef({ onItems, onRestart: opts.onRestart });
  useEffect(() => {
    handlers.current = { onItems, onRestart: opts.onRestart };
  });
  const key = JSON.stringify(params);
  const enabled = opts.enabled ?? true;

  useEffect(() => {
    if (!enabled) return;
    let stop: (() => void) | null = null;
    let offLink: (() => void) | undefined;
    let disposed = false;
    const start = (restart: boolean) => {
      if (restart) handlers.current.onRestart?.();
      setState({ error: null, ended: false });
      stop = bridge.subscribe(name, JSON.parse(key) as SubscriptionParamsOf<S>, {
        onItems: (items) => handlers.current.onItems(items),
        onEnd: (error) => {
          stop = null;
          setState({ error, ended: error === null });
          if (error?.code === 'CONNECTION_FAILED' && bridge.onLinkChange) {
            offLink?.();
            // Start again once the link is back (the bridge calls us at once with its state).
            offLink = bridge.onLinkChange((link) => {
              if (link !== 'open' || disposed) return;
              queueMicrotask(() => {
                offLink?.();
                offLink = undefined;
                if (!disposed) start(true);
              });
            });
          }
        },
      });
    };
    start(false);
    return () => {
      disposed = true;
      offLink?.();
      stop?.();
    };
  }, [bridge, name, key, enabled]);

  return state;
}
