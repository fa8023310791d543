import { AppError } from '../../contract/errors.js';

/**
 * Rejects with `onTimeout()` when `work` has not settled after `ms`, and with CANCELLED when
 * `signal` aborts first. The timer never holds the process; the abort listener is removed when
 * the race ends, so long-lived signals do not collect listeners.
 */
export function withDeadline<T>(
  work: Promise<T>,
  ms: number,
  onTimeout: () => Error,
  signal?: AbortSignal,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stop = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
    timer.unref?.();
    if (signal) {
      onAbort = () => reject(cancelled());
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    }
  });
  return Promise.race([work, stop]).finally(() => {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  });
}

export function cancelled(): AppError {
  return new AppError('CANCELLED', 'Cancelled.');
}
