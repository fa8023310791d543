import type { WebSocket, WebSocketServer } from 'ws';
import { z } from 'zod';
import type { AppErrorData, WsServerFrame } from '../contract/index.js';
import type { Dispatcher } from './dispatcher.js';
import type { EventHub } from './event-hub.js';

const ClientFrame = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('call'),
    id: z.number().int().nonnegative(),
    method: z.string().max(200),
    params: z.unknown(),
  }),
  z.object({ type: z.literal('cancel'), id: z.number().int().nonnegative() }),
  z.object({
    type: z.literal('subscribe'),
    id: z.number().int().nonnegative(),
    name: z.string().max(200),
    params: z.unknown(),
  }),
  z.object({ type: z.literal('unsubscribe'), id: z.number().int().nonnegative() }),
]);

/** Limits per socket: one browser tab never needs more, and a runaway client cannot pile up work. */
export const WS_LIMITS = {
  maxCallsInFlight: 64,
  maxSubscriptions: 32,
  /** A frame larger than this is not sent; the call gets an error instead. */
  maxOutgoingFrameBytes: 64 * 1024 * 1024,
  /** `whenWritable` waits while more than this is queued on the socket. */
  highWaterBytes: 4 * 1024 * 1024,
};

/**
 * WebSocket transport: a thin adapter from JSON frames to the dispatcher, and from the event hub
 * to every open socket. Authentication happens before the upgrade (see hosts/). Nothing a client
 * sends can take the process down: every socket has an error listener, every frame is parsed
 * defensively, and an answer too large to send becomes an error answer.
 */
export function attachWsTransport(wss: WebSocketServer, dispatcher: Dispatcher, hub: EventHub): () => void {
  const unsubscribe = hub.subscribe((event, payload) => {
    for (const socket of wss.clients) send(socket, { type: 'event', event, payload });
  });
  wss.on('connection', (socket) => serveSocket(socket, dispatcher));
  return unsubscribe;
}

function serveSocket(socket: WebSocket, dispatcher: Dispatcher): void {
  const calls = new Map<number, AbortController>();
  const subs = new Map<number, () => void>();

  // Invalid UTF-8, oversized frames and resets surface here; ws then closes the socket itself.
  socket.on('error', () => undefined);
  socket.on('close', () => {
    for (const c of calls.values()) c.abort();
    calls.clear();
    for (const stop of subs.values()) stop();
    subs.clear();
  });

  socket.on('message', (data, isBinary) => {
    if (isBinary) return socket.close(1003, 'Text frames only');
    let frame: z.infer<typeof ClientFrame>;
    try {
      frame = ClientFrame.parse(JSON.parse(data.toString()));
    } catch {
      return socket.close(1007, 'Malformed request frame');
    }
    switch (frame.type) {
      case 'call':
        return void runCall(frame.id, frame.method, frame.params);
      case 'cancel':
        return calls.get(frame.id)?.abort();
      case 'subscribe':
        return startSubscription(frame.id, frame.name, frame.params);
      case 'unsubscribe': {
        const stop = subs.get(frame.id);
        subs.delete(frame.id);
        return stop?.();
      }
    }
  });

  async function runCall(id: number, method: string, params: unknown): Promise<void> {
    if (calls.size >= WS_LIMITS.maxCallsInFlight || calls.has(id)) {
      const message = calls.has(id)
        ? `Call id ${id} is already in use.`
        : `Too many calls at once (${WS_LIMITS.maxCallsInFlight}); wait for some to finish.`;
      return sendOrReport(socket, id, { type: 'result', id, ok: false, error: { code: 'VALIDATION', message } });
    }
    const abort = new AbortController();
    calls.set(id, abort);
    try {
      const outcome = await dispatcher.call(method, params, abort.signal);
      sendOrReport(socket, id, { type: 'result', id, ...outcome });
    } finally {
      calls.delete(id);
    }
  }

  function startSubscription(id: number, name: string, params: unknown): void {
    if (subs.size >= WS_LIMITS.maxSubscriptions || subs.has(id)) {
      const message = subs.has(id)
        ? `Subscription id ${id} is already in use.`
        : `Too many live streams at once (${WS_LIMITS.maxSubscriptions}); close some views.`;
      send(socket, { type: 'end', id, error: { code: 'VALIDATION', message } });
      return;
    }
    const outcome = dispatcher.subscribe(name, params, {
      items: (items) => {
        if (!send(socket, { type: 'items', id, items })) {
          subs.get(id)?.();
          subs.delete(id);
          send(socket, { type: 'end', id, error: tooLarge('A batch of items') });
        }
      },
      end: (error) => {
        subs.delete(id);
        send(socket, error ? { type: 'end', id, error } : { type: 'end', id });
      },
      writable: () => whenDrained(socket),
    });
    if (!outcome.ok) send(socket, { type: 'end', id, error: outcome.error });
    else subs.set(id, outcome.stop);
  }
}

function tooLarge(what: string): AppErrorData {
  return {
    code: 'MESSAGE_TOO_LARGE',
    message: `${what} was too large to send to the window (over ${WS_LIMITS.maxOutgoingFrameBytes / 1024 / 1024} MiB). Ask for less at once.`,
  };
}

/** Sends one frame; false when it could not be encoded or is over the size limit. */
function send(socket: WebSocket, frame: WsServerFrame): boolean {
  if (socket.readyState !== socket.OPEN) return true;
  let text: string;
  try {
    // Offsets are strings in the contract, so a bigint here is a bug; JSON.stringify throws on it.
    text = JSON.stringify(frame);
  } catch {
    return false; // e.g. RangeError: Invalid string length
  }
  if (text.length > WS_LIMITS.maxOutgoingFrameBytes) return false;
  socket.send(text, (err) => {
    if (err) socket.terminate();
  });
  return true;
}

function sendOrReport(socket: WebSocket, id: number, frame: WsServerFrame): void {
  if (!send(socket, frame)) send(socket, { type: 'result', id, ok: false, error: tooLarge('The answer') });
}

/** Resolves once the socket's send buffer is below the high-water mark (or the socket is gone). */
function whenDrained(socket: WebSocket): Promise<void> {
  if (socket.bufferedAmount <= WS_LIMITS.highWaterBytes || socket.readyState !== socket.OPEN) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (socket.bufferedAmount <= WS_LIMITS.highWaterBytes || socket.readyState !== socket.OPEN) {
        clearInterval(timer);
        resolve();
      }
    }, 10);
  });
}
