import { AppError } from '../contract.js';
import { EventListeners } from './listeners.js';
import { transportError, unwrapOutcome } from './outcome.js';
import { SubscriptionRegistry } from './subscriptions.js';
import type { Bridge, SamsaPreloadBridge } from './types.js';

/** Desktop mode: the preload's `window.samsaBridge` carries calls, streams and events over IPC. */
export function createIpcBridge(preload: SamsaPreloadBridge): Bridge {
  const listeners = new EventListeners();
  const subs = new SubscriptionRegistry();
  let nextId = 1;
  // One preload subscription each for the window's lifetime; listeners come and go locally.
  preload.onEvent((event, payload) => listeners.emit(event, payload));
  preload.onStream((message) => {
    if ('end' in message) subs.end(message.id, message.error);
    else subs.items(message.id, message.items);
  });

  return {
    call(method, params, options) {
      const signal = options?.signal;
      if (signal?.aborted) return Promise.reject(cancelledError(method));
      const callId = nextId++;
      return new Promise((resolve, reject) => {
        // Cancelling answers at once; main stops the work and its late reply is ignored.
        const onAbort = () => {
          preload.cancel(callId);
          reject(cancelledError(method));
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        preload.call(method, params, callId).then(
          (outcome) => {
            signal?.removeEventListener('abort', onAbort);
            try {
              resolve(unwrapOutcome(method, outcome));
            } catch (err) {
              reject(err as AppError);
            }
          },
          (err: unknown) => {
            signal?.removeEventListener('abort', onAbort);
            reject(transportError(method, err));
          },
        );
      });
    },
    subscribe(name, params, handlers) {
      const id = nextId++;
      subs.add(id, handlers as never);
      preload.subscribe(id, name, params);
      return () => {
        if (subs.remove(id)) preload.unsubscribe(id);
      };
    },
    onEvent: (event, listener) => listeners.add(event, listener),
  };
}

export function cancelledError(method: string): AppError {
  return new AppError('CANCELLED', `"${method}" was cancelled.`);
}
