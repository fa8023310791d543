import { AppError, formatBytes, LIMITS, type WsClientFrame } from '../contract.js';
import { cancelledError } from './ipc.js';
import { EventListeners } from './listeners.js';
import { unwrapOutcome } from './outcome.js';
import { SubscriptionRegistry } from './subscriptions.js';
import type { Bridge, LinkState } from './types.js';

/** The part of the DOM WebSocket this bridge uses, so tests can hand in a fake. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export interface WsBridgeOptions {
  url: string;
  createSocket?: (url: string) => WebSocketLike;
  /** Delay in ms before reconnect attempt `attempt` (0 for the first retry). */
  backoff?: (attempt: number) => number;
  /** How long a call made while the link is down waits for it before failing. */
  queueTimeoutMs?: number;
}

export interface WsBridge extends Bridge {
  /** Stops reconnecting and fails whatever is still waiting. */
  dispose(): void;
}

const OPEN = 1;

/** Exponential, capped at 10 s, with a little jitter so many windows don't reconnect in step. */
export function defaultBackoff(attempt: number): number {
  const base = Math.min(10_000, 250 * 2 ** attempt);
  return base + Math.floor(Math.random() * 0.2 * base);
}

interface Waiting {
  method: string;
  frame: string;
  resolve: (value: unknown) => void;
  reject: (err: AppError) => void;
  timer?: ReturnType<typeof setTimeout>;
}

/** Browser mode: calls and events over one WebSocket to `npm run serve`'s host. */
export function createWsBridge(options: WsBridgeOptions): WsBridge {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as WebSocketLike);
  const backoff = options.backoff ?? defaultBackoff;
  const queueTimeoutMs = options.queueTimeoutMs ?? 15_000;

  const events = new EventListeners();
  const subs = new SubscriptionRegistry();
  /** Subscribe frames of live subscriptions not on the wire yet (the link was down). */
  const pendingSubscribes = new Map<number, string>();
  const linkListeners = new Set<(state: LinkState) => void>();
  const sent = new Map<number, Waiting>(); // on the wire, waiting for their result frame
  const queued = new Map<number, Waiting>(); // not sent yet: the link was down
  let socket: WebSocketLike | null = null;
  let link: LinkState = 'connecting';
  let attempt = 0;
  let nextId = 1;
  let disposed = false;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;

  function setLink(state: LinkState) {
    if (state === link) return;
    link = state;
    for (const l of [...linkListeners]) l(state);
  }

  function connect() {
    const ws = createSocket(options.url);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      setLink('open');
      // Unsent calls are safe to send now; they never reached the backend.
      for (const [id, w] of queued) {
        queued.delete(id);
        clearTimeout(w.timer);
        transmit(id, w);
      }
      for (const [id, frame] of pendingSubscribes) {
        pendingSubscribes.delete(id);
        trySend(frame);
      }
    };
    ws.onmessage = (ev) => onFrame(ev.data);
    ws.onerror = () => {
      /* a close event always follows; handled there */
    };
    ws.onclose = (ev) => {
      if (socket !== ws) return;
      socket = null;
      // Calls already sent may or may not have run: tell the caller rather than resend.
      for (const [id, w] of sent) {
        sent.delete(id);
        w.reject(
          new AppError(
            'CONNECTION_FAILED',
            `Lost the connection to Samsa's backend before "${w.method}" answered. Reconnecting — try again in a moment.`,
            { detail: closeDetail(ev) },
          ),
        );
      }
      // A stream cannot resume where it was; its owner decides whether to start again.
      pendingSubscribes.clear();
      subs.failAll(
        new AppError('CONNECTION_FAILED', "Lost the connection to Samsa's backend; the live view stopped.", {
          detail: closeDetail(ev),
        }),
      );
      if (disposed) return;
      setLink('reconnecting');
      reconnectTimer = setTimeout(connect, backoff(attempt++));
    };
  }

  function transmit(id: number, w: Waiting) {
    try {
      socket!.send(w.frame);
      sent.set(id, w);
    } catch (err) {
      w.reject(
        new AppError('CONNECTION_FAILED', `Could not send "${w.method}" to Samsa's backend.`, { detail: String(err) }),
      );
    }
  }

  function trySend(frame: string): boolean {
    if (!socket || socket.readyState !== OPEN) return false;
    try {
      socket.send(frame);
      return true;
    } catch {
      return false;
    }
  }

  function onFrame(data: unknown) {
    let frame: {
      type?: unknown;
      id?: unknown;
      event?: unknown;
      payload?: unknown;
      items?: unknown;
      error?: unknown;
    };
    try {
      frame = JSON.parse(String(data));
    } catch {
      console.warn('Ignoring a WebSocket frame that is not JSON');
      return;
    }
    if (frame.type === 'result' && typeof frame.id === 'number') {
      const w = sent.get(frame.id);
      if (!w) return;
      sent.delete(frame.id);
      try {
        w.resolve(unwrapOutcome(w.method, frame));
      } catch (err) {
        w.reject(err as AppError);
      }
    } else if (frame.type === 'event' && typeof frame.event === 'string') {
      events.emit(frame.event, frame.payload);
    } else if (frame.type === 'items' && typeof frame.id === 'number') {
      subs.items(frame.id, frame.items);
    } else if (frame.type === 'end' && typeof frame.id === 'number') {
      subs.end(frame.id, frame.error as never);
    }
  }

  connect();

  return {
    call(method, params, options) {
      const signal = options?.signal;
      return new Promise((resolve, reject) => {
        if (disposed) {
          reject(new AppError('CANCELLED', 'This window is closing; the call was not sent.'));
          return;
        }
        if (signal?.aborted) {
          reject(cancelledError(method));
          return;
        }
        const id = nextId++;
        const request: WsClientFrame = { type: 'call', id, method, params };
        const frame = JSON.stringify(request);
        // Checked here so the socket is never closed for it (main refuses larger frames outright).
        if (frame.length > LIMITS.callFrameBytes) {
          reject(
            new AppError(
              'MESSAGE_TOO_LARGE',
              `This request is over ${formatBytes(LIMITS.callFrameBytes)}, more than Samsa sends in one call.`,
            ),
          );
          return;
        }
        const w: Waiting = { method, frame, resolve: resolve as (v: unknown) => void, reject };
        if (signal) {
          // Cancelling answers at once; a call already sent is also stopped in main.
          const onAbort = () => {
            if (queued.delete(id)) clearTimeout(w.timer);
            else if (sent.delete(id)) trySend(JSON.stringify({ type: 'cancel', id } satisfies WsClientFrame));
            reject(cancelledError(method));
          };
          signal.addEventListener('abort', onAbort, { once: true });
          const settle = () => signal.removeEventListener('abort', onAbort);
          w.resolve = (v) => {
            settle();
            (resolve as (v: unknown) => void)(v);
          };
          w.reject = (e) => {
            settle();
            reject(e);
          };
        }
        if (socket && socket.readyState === OPEN) {
          transmit(id, w);
          return;
        }
        w.timer = setTimeout(() => {
          queued.delete(id);
          w.reject(
            new AppError(
              'CONNECTION_FAILED',
              `Cannot reach Samsa's backend, so "${method}" was not sent. Is \`npm run serve\` still running?`,
            ),
          );
        }, queueTimeoutMs);
        queued.set(id, w);
      });
    },
    subscribe(name, params, handlers) {
      const id = nextId++;
      subs.add(id, handlers as never);
      const frame = JSON.stringify({ type: 'subscribe', id, name, params } satisfies WsClientFrame);
      if (!trySend(frame)) pendingSubscribes.set(id, frame);
      return () => {
        pendingSubscribes.delete(id);
        if (subs.remove(id)) trySend(JSON.stringify({ type: 'unsubscribe', id } satisfies WsClientFrame));
      };
    },
    onEvent: (event, listener) => events.add(event, listener),
    onLinkChange(listener) {
      linkListeners.add(listener);
      listener(link);
      return () => {
        linkListeners.delete(listener);
      };
    },
    dispose() {
      disposed = true;
      clearTimeout(reconnectTimer);
      for (const [id, w] of queued) {
        queued.delete(id);
        clearTimeout(w.timer);
        w.reject(new AppError('CANCELLED', `"${w.method}" was cancelled: the window is closing.`));
      }
      socket?.close(1000, 'disposed');
    },
  };
}

function closeDetail(ev: { code: number; reason: string }): string {
  return `WebSocket closed with code ${ev.code}${ev.reason ? `: ${ev.reason}` : ''}`;
}
