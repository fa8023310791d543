import type { AppErrorData } from './errors.js';
import type { EventMap, EventName } from './events.js';

/** Envelope used by every transport (IPC reply, WebSocket frame). */
export type CallOutcome<R = unknown> = { ok: true; result: R } | { ok: false; error: AppErrorData };

/**
 * WebSocket frames, client → server. Ids are chosen by the client, one sequence per socket, shared
 * by calls and subscriptions.
 */
export type WsClientFrame =
  | { type: 'call'; id: number; method: string; params: unknown }
  /** Aborts a running call; it still answers (usually with CANCELLED). */
  | { type: 'cancel'; id: number }
  | { type: 'subscribe'; id: number; name: string; params: unknown }
  | { type: 'unsubscribe'; id: number };

/** WebSocket frames, server → client. */
export type WsServerFrame =
  | ({ type: 'result'; id: number } & CallOutcome)
  | WsEvent
  /** Items of a subscription, in order; several may travel in one frame. */
  | { type: 'items'; id: number; items: unknown[] }
  /** A subscription ended: by itself (no error), or with an error. Nothing follows for this id. */
  | { type: 'end'; id: number; error?: AppErrorData };

export interface WsEvent<E extends EventName = EventName> {
  type: 'event';
  event: E;
  payload: EventMap[E];
}

/** IPC channel names (Electron). */
export const IPC_CALL_CHANNEL = 'samsa:call';
export const IPC_CANCEL_CHANNEL = 'samsa:cancel';
export const IPC_SUBSCRIBE_CHANNEL = 'samsa:subscribe';
export const IPC_UNSUBSCRIBE_CHANNEL = 'samsa:unsubscribe';
/** main → renderer: subscription items and ends, `{ id, items }` or `{ id, end: true, error? }`. */
export const IPC_STREAM_CHANNEL = 'samsa:stream';
export const IPC_EVENT_CHANNEL = 'samsa:event';

/** What travels on IPC_STREAM_CHANNEL. */
export type IpcStreamMessage = { id: number; items: unknown[] } | { id: number; end: true; error?: AppErrorData };
