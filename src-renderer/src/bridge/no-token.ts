import { AppError } from '../contract.js';
import type { Bridge } from './types.js';

/**
 * Browser mode opened without its access token (a bookmark, or the address typed by hand):
 * nothing can reach main, so every call says how to get in instead of retrying forever.
 */
export function createNoTokenBridge(): Bridge {
  const error = () =>
    new AppError(
      'AUTH_FAILED',
      'This tab has no access token. Open the full address that `npm run serve` (or `npm start`) printed: it ends with ?token=…',
    );
  return {
    call: () => Promise.reject(error()),
    subscribe: (_name, _params, handlers) => {
      queueMicrotask(() => handlers.onEnd?.(error()));
      return () => {};
    },
    onEvent: () => () => {},
  };
}
