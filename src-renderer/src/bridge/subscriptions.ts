import { AppError, isAppErrorData, type AppErrorData } from '../contract.js';
import type { SubscriptionHandlers } from './types.js';

/** The renderer's side of running subscriptions, shared by both bridges: id → handlers. */
export class SubscriptionRegistry {
  private readonly active = new Map<number, SubscriptionHandlers<unknown>>();

  add(id: number, handlers: SubscriptionHandlers<unknown>): void {
    this.active.set(id, handlers);
  }

  /** Forgets a subscription the caller stopped; late items for it are dropped. */
  remove(id: number): boolean {
    return this.active.delete(id);
  }

  items(id: number, items: unknown): void {
    const h = this.active.get(id);
    if (!h || !Array.isArray(items)) return;
    try {
      h.onItems(items);
    } catch (err) {
      console.error('A subscription handler failed', err);
    }
  }

  end(id: number, error: AppErrorData | undefined | null): void {
    const h = this.active.get(id);
    if (!h) return;
    this.active.delete(id);
    h.onEnd?.(error ? (isAppErrorData(error) ? AppError.fromData(error) : unreadable()) : null);
  }

  /** Ends every subscription with the same error (the link to main was lost). */
  failAll(error: AppError): void {
    const all = [...this.active.values()];
    this.active.clear();
    for (const h of all) h.onEnd?.(error);
  }
}

function unreadable(): AppError {
  return new AppError('INTERNAL', "Samsa's backend ended a stream with an unreadable error.");
}
