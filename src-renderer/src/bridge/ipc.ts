import type { Bridge, SamsaPreloadBridge } from './types.js';
import { EventListeners } from './listeners.js';
import { toAppError, unwrapOutcome } from './outcome.js';

/** Desktop mode: the preload's `window.samsaBridge` carries calls and events over Electron IPC. */
export function createIpcBridge(preload: SamsaPreloadBridge): Bridge {
  const listeners = new EventListeners();
  // One preload subscription for the window's lifetime; listeners come and go locally.
  preload.onEvent((event, payload) => listeners.emit(event, payload));

  return {
    async call(method, params) {
      let outcome: unknown;
      try {
        outcome = await preload.call(method, params);
      } catch (err) {
        throw toAppError(method, err);
      }
      return unwrapOutcome(method, outcome);
    },
    subscribe: (event, listener) => listeners.add(event, listener),
  };
}
