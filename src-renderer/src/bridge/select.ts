import type { Bridge, SamsaPreloadBridge } from './types.js';
import { createIpcBridge } from './ipc.js';
import { createNoTokenBridge } from './no-token.js';
import { createWsBridge } from './ws.js';
import { resolveToken, urlWithoutToken, wsUrl } from './token.js';

declare global {
  interface Window {
    samsaBridge?: SamsaPreloadBridge;
  }
}

/** IPC inside Electron (the preload defines `samsaBridge`), WebSocket in a plain browser. */
export function createBridge(win: Window): Bridge {
  if (win.samsaBridge) return createIpcBridge(win.samsaBridge);
  const token = resolveToken(win.location, win.sessionStorage);
  if (new URLSearchParams(win.location.search).has('token')) {
    win.history.replaceState(win.history.state, '', urlWithoutToken(win.location.href));
  }
  if (!token) return createNoTokenBridge();
  return createWsBridge({ url: wsUrl(win.location, token) });
}
