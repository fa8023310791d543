import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  IPC_CALL_CHANNEL,
  IPC_CANCEL_CHANNEL,
  IPC_EVENT_CHANNEL,
  IPC_STREAM_CHANNEL,
  IPC_SUBSCRIBE_CHANNEL,
  IPC_UNSUBSCRIBE_CHANNEL,
  type CallOutcome,
  type IpcStreamMessage,
} from '../contract/wire.js';

/**
 * The only thing the renderer gets from Electron: calls (cancellable by id), subscriptions, and
 * events. No generic ipcRenderer pass-through; everything is checked again in main.
 */
contextBridge.exposeInMainWorld('samsaBridge', {
  call: (method: string, params: unknown, callId?: number): Promise<CallOutcome> =>
    ipcRenderer.invoke(IPC_CALL_CHANNEL, String(method), params, typeof callId === 'number' ? callId : undefined),
  cancel: (callId: number): void => ipcRenderer.send(IPC_CANCEL_CHANNEL, Number(callId)),
  subscribe: (id: number, name: string, params: unknown): void =>
    ipcRenderer.send(IPC_SUBSCRIBE_CHANNEL, Number(id), String(name), params),
  unsubscribe: (id: number): void => ipcRenderer.send(IPC_UNSUBSCRIBE_CHANNEL, Number(id)),
  onStream: (callback: (message: IpcStreamMessage) => void): (() => void) => {
    const listener = (_e: IpcRendererEvent, message: IpcStreamMessage) => callback(message);
    ipcRenderer.on(IPC_STREAM_CHANNEL, listener);
    return () => ipcRenderer.removeListener(IPC_STREAM_CHANNEL, listener);
  },
  onEvent: (callback: (event: string, payload: unknown) => void): (() => void) => {
    const listener = (_e: IpcRendererEvent, event: string, payload: unknown) => callback(event, payload);
    ipcRenderer.on(IPC_EVENT_CHANNEL, listener);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, listener);
  },
});
