// `npm start`: the desktop app. Where no Electron binary exists (it could not be downloaded,
// or this is a headless server), say so in one sentence and open browser mode instead.
import './lib/require-node.mjs';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuilt, root } from './lib/ensure-built.mjs';

ensureBuilt();
const args = process.argv.slice(2);

function electronBinary() {
  try {
    const path = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** Browser mode in this very process, so nothing outlives it (see scripts/serve.mjs). */
function browserMode(reason) {
  console.log(`${reason} Samsa opens in browser mode instead: open the address below in your browser.`);
  void import(pathToFileURL(join(root, 'out/main/serve.js')).href);
}

/**
 * npm does not run Electron's download script at install (so installs never fail offline);
 * the first `npm start` fetches the binary instead, once, and falls back if it cannot.
 */
function tryDownloadElectron() {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return false;
  const script = join(root, 'node_modules/electron/install.js');
  if (!existsSync(script)) return false;
  console.error('Downloading the Electron binary (first start only)…');
  const r = spawnSync(process.execPath, [script], {
    cwd: join(root, 'node_modules/electron'),
    stdio: 'ignore',
    timeout: 120_000,
  });
  return r.status === 0;
}

let binary = electronBinary();
if (!binary && tryDownloadElectron()) binary = electronBinary();
if (!binary) {
  browserMode('The Electron binary is not installed on this machine (it could not be downloaded).');
} else if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  browserMode('There is no display to open a window on (no DISPLAY or WAYLAND_DISPLAY).');
} else {
  const started = Date.now();
  // The V8 flags package.json gives this Node (a smaller young generation: see its `serve` script's
  // note in CONTRIBUTING.md) go to Electron's main process too, which takes them only at launch.
  const v8Flags = process.execArgv.filter((f) => f.startsWith('--max-semi-space-size'));
  const launch = v8Flags.length > 0 ? [`--js-flags=${v8Flags.join(' ')}`, root, ...args] : [root, ...args];
  const child = spawn(binary, launch, { stdio: ['ignore', 'inherit', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
    process.stderr.write(d);
  });
  child.on('exit', (code) => {
    // A crash within seconds means Electron cannot run here (missing libraries, no GPU, ...).
    if (code !== 0 && Date.now() - started < 5000) {
      browserMode(`Electron could not start here (${stderr.trim().split('\n').pop() || `exit code ${code}`}).`);
    } else {
      process.exit(code ?? 0);
    }
  });
}
