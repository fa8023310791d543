import type { EventMap, EventName, MethodName, ParamsOf, ResultOf } from '../contract.js';

/** How the UI talks to main, whatever carries it (Electron IPC or a WebSocket). */
export interface Bridge {
  call<M extends MethodName>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>>;
  subscribe<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
  /** Link health, for a "reconnecting" banner. IPC is always 'open'. */
  onLinkChange?(listener: (state: LinkState) => void): () => void;
}

export type LinkState = 'connecting' | 'open' | 'reconnecting';

/** What the Electron preload puts on `window`. */
export interface SamsaPreloadBridge {
  call(method: string, params: unknown): Promise<unknown>;
  onEvent(cb: (event: string, payload: unknown) => void): () => void;
}
