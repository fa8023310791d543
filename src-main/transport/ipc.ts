import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../contract/index.js';
import type { Dispatch } from './dispatcher.js';
import type { EventHub } from './event-hub.js';

/**
 * Electron IPC transport: one invoke channel for calls, one push channel for events.
 * Only frames of our own renderer may call (a navigated-away or foreign frame is refused).
 */
export function attachIpcTransport(opts: {
  ipcMain: IpcMain;
  dispatch: Dispatch;
  hub: EventHub;
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean;
  targets: () => WebContents[];
}): () => void {
  opts.ipcMain.handle(IPC_CALL_CHANNEL, async (event, method: unknown, params: unknown) => {
    if (!opts.isTrustedSender(event)) {
      return { ok: false, error: { code: 'INTERNAL', message: 'Refused: call from an untrusted frame' } };
    }
    return opts.dispatch(method, params);
  });
  const unsubscribe = opts.hub.subscribe((event, payload) => {
    for (const target of opts.targets()) {
      if (!target.isDestroyed()) target.send(IPC_EVENT_CHANNEL, event, payload);
    }
  });
  return () => {
    opts.ipcMain.removeHandler(IPC_CALL_CHANNEL);
    unsubscribe();
  };
}
