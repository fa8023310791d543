import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import {
  IPC_CALL_CHANNEL,
  IPC_CANCEL_CHANNEL,
  IPC_EVENT_CHANNEL,
  IPC_STREAM_CHANNEL,
  IPC_SUBSCRIBE_CHANNEL,
  IPC_UNSUBSCRIBE_CHANNEL,
  type IpcStreamMessage,
} from '../contract/index.js';
import type { Dispatcher } from './dispatcher.js';
import type { EventHub } from './event-hub.js';

/** What one window has running: calls it may cancel, subscriptions it may stop. */
interface SenderState {
  calls: Map<number, AbortController>;
  subs: Map<number, () => void>;
}

/**
 * Electron IPC transport: an invoke channel for calls (with a cancel channel beside it), a
 * subscribe/unsubscribe pair whose items come back on a stream channel, and a push channel for
 * events. Only frames of our own renderer may use it; whatever a window started stops when the
 * window goes away.
 */
export function attachIpcTransport(opts: {
  ipcMain: IpcMain;
  dispatcher: Dispatcher;
  hub: EventHub;
  isTrustedSender: (event: IpcMainInvokeEvent | IpcMainEvent) => boolean;
  targets: () => WebContents[];
}): () => void {
  const { ipcMain, dispatcher } = opts;
  const senders = new Map<number, SenderState>();

  function stateOf(sender: WebContents): SenderState {
    let state = senders.get(sender.id);
    if (!state) {
      const fresh: SenderState = { calls: new Map(), subs: new Map() };
      senders.set(sender.id, fresh);
      sender.once('destroyed', () => {
        for (const c of fresh.calls.values()) c.abort();
        for (const stop of fresh.subs.values()) stop();
        senders.delete(sender.id);
      });
      state = fresh;
    }
    return state;
  }

  function stream(sender: WebContents, message: IpcStreamMessage): void {
    if (!sender.isDestroyed()) sender.send(IPC_STREAM_CHANNEL, message);
  }

  ipcMain.handle(IPC_CALL_CHANNEL, async (event, method: unknown, params: unknown, callId: unknown) => {
    if (!opts.isTrustedSender(event)) {
      return { ok: false, error: { code: 'INTERNAL', message: 'Refused: call from an untrusted frame' } };
    }
    if (typeof callId !== 'number') return dispatcher.call(method, params);
    const { calls } = stateOf(event.sender);
    const abort = new AbortController();
    calls.set(callId, abort);
    try {
      return await dispatcher.call(method, params, abort.signal);
    } finally {
      calls.delete(callId);
    }
  });

  const onCancel = (event: IpcMainEvent, callId: unknown) => {
    if (opts.isTrustedSender(event) && typeof callId === 'number')
      senders.get(event.sender.id)?.calls.get(callId)?.abort();
  };

  const onSubscribe = (event: IpcMainEvent, id: unknown, name: unknown, params: unknown) => {
    if (!opts.isTrustedSender(event) || typeof id !== 'number') return;
    const sender = event.sender;
    const { subs } = stateOf(sender);
    subs.get(id)?.();
    const outcome = dispatcher.subscribe(name, params, {
      items: (items) => stream(sender, { id, items }),
      end: (error) => {
        subs.delete(id);
        stream(sender, error ? { id, end: true, error } : { id, end: true });
      },
      // Electron queues IPC messages without a bound we can see; the renderer keeps up by batching.
      writable: async () => undefined,
    });
    if (outcome.ok) subs.set(id, outcome.stop);
    else stream(sender, { id, end: true, error: outcome.error });
  };

  const onUnsubscribe = (event: IpcMainEvent, id: unknown) => {
    if (!opts.isTrustedSender(event) || typeof id !== 'number') return;
    const subs = senders.get(event.sender.id)?.subs;
    subs?.get(id)?.();
    subs?.delete(id);
  };

  ipcMain.on(IPC_CANCEL_CHANNEL, onCancel);
  ipcMain.on(IPC_SUBSCRIBE_CHANNEL, onSubscribe);
  ipcMain.on(IPC_UNSUBSCRIBE_CHANNEL, onUnsubscribe);

  const unsubscribe = opts.hub.subscribe((event, payload) => {
    for (const target of opts.targets()) {
      if (!target.isDestroyed()) target.send(IPC_EVENT_CHANNEL, event, payload);
    }
  });
  return () => {
    ipcMain.removeHandler(IPC_CALL_CHANNEL);
    ipcMain.off(IPC_CANCEL_CHANNEL, onCancel);
    ipcMain.off(IPC_SUBSCRIBE_CHANNEL, onSubscribe);
    ipcMain.off(IPC_UNSUBSCRIBE_CHANNEL, onUnsubscribe);
    unsubscribe();
  };
}
