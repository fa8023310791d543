import type { AppErrorData } from './errors.js';
import type { EventMap, EventName } from './events.js';

/** Envelope used by every transport (IPC reply, WebSocket frame). */
export type CallOutcome<R = unknown> = { ok: true; result: R } | { ok: false; error: AppErrorData };

/** WebSocket frames. */
export interface WsRequest {
  type: 'call';
  id: number;
  method: string;
  params: unknown;
}
export type WsResponse = { type: 'result'; id: number } & CallOutcome;
export interface WsEvent<E extends EventName = EventName> {
  type: 'event';
  event: E;
  payload: EventMap[E];
}
export type WsServerFrame = WsResponse | WsEvent;

/** IPC channel names (Electron). */
export const IPC_CALL_CHANNEL = 'samsa:call';
export const IPC_EVENT_CHANNEL = 'samsa:event';
