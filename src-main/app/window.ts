import { BrowserWindow, nativeTheme, shell } from 'electron';
import { join } from 'node:path';

/** Origins our own renderer is served from: the built files, or the dev server. */
export function isOwnUrl(url: string, devServerUrl: string | undefined): boolean {
  if (devServerUrl && url.startsWith(devServerUrl)) return true;
  return url.startsWith('file://');
}

/** A locked-down window: isolated, sandboxed, no Node; links open in the system browser. */
export function createMainWindow(opts: {
  preloadPath: string;
  rendererDir: string;
  devServerUrl?: string;
}): BrowserWindow {
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
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());

  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!isOwnUrl(url, opts.devServerUrl)) {
      event.preventDefault();
      if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    }
  });

  if (opts.devServerUrl) void win.loadURL(opts.devServerUrl);
  else void win.loadFile(join(opts.rendererDir, 'index.html'));
  return win;
}
