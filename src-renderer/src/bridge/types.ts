import type {
  AppError,
  EventMap,
  EventName,
  IpcStreamMessage,
  ItemOf,
  MethodName,
  ParamsOf,
  ResultOf,
  SubscriptionName,
  SubscriptionParamsOf,
} from '../contract.js';

export interface CallOptions {
  /** Aborting cancels the call: it rejects with CANCELLED at once and main stops the work. */
  signal?: AbortSignal;
}

export interface SubscriptionHandlers<T> {
  /** Items in the order main emitted them, in batches. */
  onItems(items: T[]): void;
  /**
   * The stream is over: `null` when it ended by itself, an AppError when it failed (including a
   * lost link to main). Not called after the caller unsubscribed.
   */
  onEnd?(error: AppError | null): void;
}

/** How the UI talks to main, whatever carries it (Electron IPC or a WebSocket). */
export interface Bridge {
  call<M extends MethodName>(method: M, params: ParamsOf<M>, options?: CallOptions): Promise<ResultOf<M>>;
  /** Starts a subscription; the returned function stops it. */
  subscribe<S extends SubscriptionName>(
    name: S,
    params: SubscriptionParamsOf<S>,
    handlers: SubscriptionHandlers<ItemOf<S>>,
  ): () => void;
  /** Listens to an event pushed to every window; the returned function stops listening. */
  onEvent<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
  /** Link health, for a "reconnecting" banner. IPC is always 'open'. */
  onLinkChange?(listener: (state: LinkState) => void): () => void;
}

export type LinkState = 'connecting' | 'open' | 'reconnecting';

/** What the Electron preload puts on `window` (see src-main/preload). */
export interface SamsaPreloadBridge {
  call(method: string, params: unknown, callId?: number): Promise<unknown>;
  cancel(callId: number): void;
  subscribe(id: number, name: string, params: unknown): void;
  unsubscribe(id: number): void;
  onStream(cb: (message: IpcStreamMessage) => void): () => void;
  onEvent(cb: (event: string, payload: unknown) => void): () => void;
}
