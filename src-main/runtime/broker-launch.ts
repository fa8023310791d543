import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrokerLaunch } from '../core/sandbox/sandbox-manager.js';

/**
 * How to start the sandbox broker as a child process. Built app: `out/main/sandbox.js` beside
 * this bundle, run by the same runtime (Electron runs it as plain Node). From sources (tests,
 * development): the TypeScript CLI through tsx.
 */
export function resolveBrokerLaunch(opts: { electron?: boolean } = {}): BrokerLaunch {
  const here = dirname(fileURLToPath(import.meta.url));
  const env: NodeJS.ProcessEnv = opts.electron ? { ELECTRON_RUN_AS_NODE: '1' } : {};
  // The bundler may place this module in out/main/ or in out/main/chunks/.
  const bundled = [join(here, 'sandbox.js'), join(here, '..', 'sandbox.js')].find((p) => existsSync(p));
  if (bundled) return { command: process.execPath, args: [bundled], env };
  const source = resolve(here, '../broker/cli.ts');
  return { command: process.execPath, args: ['--import', 'tsx', source], env };
}
