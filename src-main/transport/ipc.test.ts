import { EventEmitter } from 'node:events';
import type { IpcMain } from 'electron';
import { describe, expect, it } from 'vitest';
import {
  IPC_CALL_CHANNEL,
  IPC_CANCEL_CHANNEL,
  IPC_STREAM_CHANNEL,
  IPC_SUBSCRIBE_CHANNEL,
  IPC_UNSUBSCRIBE_CHANNEL,
  type CallOutcome,
} from '../contract/index.js';
import type { Dispatcher, SubscriptionSink } from './dispatcher.js';
import { EventHub } from './event-hub.js';
import { attachIpcTransport } from './ipc.js';

/** Just enough of Electron's ipcMain and WebContents to drive the transport. */
class FakeIpcMain extends EventEmitter {
  handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  handle(channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) {
    this.handlers.set(channel, fn);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
  invoke(sender: FakeWebContents, channel: string, ...args: unknown[]) {
    return this.handlers.get(channel)!({ sender, senderFrame: { url: 'file:///app/index.html' } }, ...args);
  }
  sendFrom(sender: FakeWebContents, channel: string, ...args: unknown[]) {
    this.emit(channel, { sender, senderFrame: { url: 'file:///app/index.html' } }, ...args);
  }
}

class FakeWebContents extends EventEmitter {
  static next = 1;
  readonly id = FakeWebContents.next++;
  readonly sent: unknown[][] = [];
  destroyed = false;
  isDestroyed() {
    return this.destroyed;
  }
  send(channel: string, ...args: unknown[]) {
    this.sent.push([channel, ...args]);
  }
  destroy() {
    this.destroyed = true;
    this.emit('destroyed');
  }
}

function setup() {
  const ipcMain = new FakeIpcMain();
  const signals: AbortSignal[] = [];
  const sinks: SubscriptionSink[] = [];
  let stops = 0;
  const dispatcher: Dispatcher = {
    call: (method, _params, signal) => {
      signals.push(signal ?? new AbortController().signal);
      if (method !== 'slow') return Promise.resolve({ ok: true, result: method });
      return new Promise<CallOutcome>((resolve) =>
        signal!.addEventListener('abort', () =>
          resolve({ ok: false, error: { code: 'CANCELLED', message: 'Cancelled.' } }),
        ),
      );
    },
    subscribe: (_name, _params, sink) => {
      sinks.push(sink);
      return { ok: true, stop: () => stops++ };
    },
  };
  const detach = attachIpcTransport({
    ipcMain: ipcMain as unknown as IpcMain,
    dispatcher,
    hub: new EventHub(),
    isTrustedSender: () => true,
    targets: () => [],
  });
  return { ipcMain, signals, sinks, stops: () => stops, detach };
}

describe('IPC transport', () => {
  it('cancels a call by its id', async () => {
    const t = setup();
    const win = new FakeWebContents();
    await expect(t.ipcMain.invoke(win, IPC_CALL_CHANNEL, 'fast', {}, 1)).resolves.toEqual({ ok: true, result: 'fast' });
    const slow = t.ipcMain.invoke(win, IPC_CALL_CHANNEL, 'slow', {}, 2);
    t.ipcMain.sendFrom(win, IPC_CANCEL_CHANNEL, 2);
    await expect(slow).resolves.toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
  });

  it('streams subscription items to the window that asked, and stops on unsubscribe', () => {
    const t = setup();
    const win = new FakeWebContents();
    t.ipcMain.sendFrom(win, IPC_SUBSCRIBE_CHANNEL, 5, 'sandbox.tailLog', { backlog: 1 });
    t.sinks[0]!.items(['a']);
    t.sinks[0]!.end();
    expect(win.sent).toEqual([
      [IPC_STREAM_CHANNEL, { id: 5, items: ['a'] }],
      [IPC_STREAM_CHANNEL, { id: 5, end: true }],
    ]);
    t.ipcMain.sendFrom(win, IPC_SUBSCRIBE_CHANNEL, 6, 'sandbox.tailLog', {});
    t.ipcMain.sendFrom(win, IPC_UNSUBSCRIBE_CHANNEL, 6);
    expect(t.stops()).toBe(1);
  });

  it('a closed window aborts its calls and stops its subscriptions', async () => {
    const t = setup();
    const win = new FakeWebContents();
    const slow = t.ipcMain.invoke(win, IPC_CALL_CHANNEL, 'slow', {}, 1);
    t.ipcMain.sendFrom(win, IPC_SUBSCRIBE_CHANNEL, 2, 'sandbox.tailLog', {});
    win.destroy();
    await expect(slow).resolves.toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(t.stops()).toBe(1);
    // Nothing is sent to a destroyed window.
    t.sinks[0]!.items(['late']);
    expect(win.sent).toEqual([]);
  });

  it('detach removes every handler and listener', () => {
    const t = setup();
    t.detach();
    expect(t.ipcMain.handlers.size).toBe(0);
    for (const ch of [IPC_CANCEL_CHANNEL, IPC_SUBSCRIBE_CHANNEL, IPC_UNSUBSCRIBE_CHANNEL]) {
      expect(t.ipcMain.listenerCount(ch)).toBe(0);
    }
  });
});
