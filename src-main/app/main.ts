import { app, BrowserWindow, ipcMain, Menu } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { attachIpcTransport } from '../transport/ipc.js';
import { bundledBrokerScript } from '../runtime/broker-launch.js';
import { createRuntime, type Runtime } from '../runtime/create-runtime.js';
import { buildMenu } from './menu.js';
import { electronSecretStore } from './secret-store.js';
import { utilityBrokerLaunch } from './utility-broker.js';
import { rendererUrlMatcher } from './renderer-url.js';
import { createMainWindow, denyPermissions } from './window.js';

/** The Electron shell: lifecycle, window, menu. Everything else lives in plain Node modules. */
const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const here = dirname(fileURLToPath(import.meta.url));
const windowPaths = {
  preloadPath: join(here, '../preload/index.cjs'),
  rendererDir: join(here, '../renderer'),
  devServerUrl,
};
let runtime: Runtime | null = null;
const isOwnUrl = rendererUrlMatcher(windowPaths);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const win = BrowserWindow.getAllWindows()[0];
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  app.whenReady().then(async () => {
    const dataDir = process.env.SAMSA_DATA_DIR ?? app.getPath('userData');
    runtime = createRuntime({
      dataDir,
      mode: 'electron',
      version: app.getVersion(),
      buildDir: join(here, '..'),
      // Built beside this file; a missing one fails the start with a message in the sandbox log.
      brokerLaunch: utilityBrokerLaunch(bundledBrokerScript() ?? join(here, 'sandbox.js')),
      secrets: electronSecretStore(dataDir),
      log: (m) => console.error(m),
    });
    attachIpcTransport({
      ipcMain,
      dispatcher: runtime.dispatcher,
      hub: runtime.hub,
      isTrustedSender: (event) => isOwnUrl(event.senderFrame?.url ?? ''),
      targets: () => BrowserWindow.getAllWindows().map((w) => w.webContents),
    });
    denyPermissions();
    const hub = runtime.hub;
    Menu.setApplicationMenu(buildMenu({ onAbout: () => hub.emit('app.showAbout', {}) }));
    if (process.env.SAMSA_SKIP_SANDBOX !== '1') await runtime.ensureFirstCluster();
    createMainWindow(windowPaths);
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) {
        createMainWindow(windowPaths);
      }
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Quitting stops the sandbox broker cleanly (its data stays on disk).
  let closing = false;
  app.on('before-quit', (event) => {
    if (closing || !runtime) return;
    event.preventDefault();
    closing = true;
    void runtime.close().finally(() => app.quit());
  });
}
