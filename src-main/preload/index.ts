import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type CallOutcome } from '../contract/wire.js';

/**
 * The only thing the renderer gets from Electron: one call function and one event
 * subscription. No generic ipcRenderer pass-through; methods are checked again in main.
 */
contextBridge.exposeInMainWorld('samsaBridge', {
  call: (method: string, params: unknown): Promise<CallOutcome> =>
    ipcRenderer.invoke(IPC_CALL_CHANNEL, String(method), params),
  onEvent: (callback: (event: string, payload: unknown) => void): (() => void) => {
    const listener = (_e: IpcRendererEvent, event: string, payload: unknown) => callback(event, payload);
    ipcRenderer.on(IPC_EVENT_CHANNEL, listener);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, listener);
  },
});
