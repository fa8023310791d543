import { BrowserWindow, nativeTheme, session, shell } from 'electron';
import { join } from 'node:path';
import { rendererUrlMatcher } from './renderer-url.js';

function openExternally(url: string): void {
  if (/^https?:\/\//i.test(url)) void shell.openExternal(url);
}

/** No camera, microphone, notifications, clipboard-read or anything else a web page may ask for. */
export function denyPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

/** A locked-down window: isolated, sandboxed, no Node; links open in the system browser. */
export function createMainWindow(opts: {
  preloadPath: string;
  rendererDir: string;
  devServerUrl?: string;
}): BrowserWindow {
  const isOwnUrl = rendererUrlMatcher(opts);
  const win = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 900,
    minHeight: 560,
    show: false,
    title: 'Samsa',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#16181d' : '#f7f8fa',
    webPreferences: {
      preload: opts.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());

  win.webContents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
  // Routes are #hashes, which never fire will-navigate: any real navigation is someone else's page.
  win.webContents.on('will-navigate', (event, url) => {
    if (isOwnUrl(url)) return;
    event.preventDefault();
    openExternally(url);
  });
  win.webContents.on('will-redirect', (event, url) => {
    if (!isOwnUrl(url)) event.preventDefault();
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());

  if (opts.devServerUrl) void win.loadURL(opts.devServerUrl);
  else void win.loadFile(join(opts.rendererDir, 'index.html'));
  return win;
}
