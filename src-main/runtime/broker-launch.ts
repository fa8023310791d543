import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrokerExit, BrokerLaunch, BrokerProcess } from '../core/sandbox/broker-process.js';

export type { BrokerLaunch } from '../core/sandbox/broker-process.js';

/**
 * The built broker command line, `out/main/sandbox.js`, beside this bundle (the bundler may put
 * this module in out/main/ or out/main/chunks/); null when running from sources.
 */
export function bundledBrokerScript(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  return [join(here, 'sandbox.js'), join(here, '..', 'sandbox.js')].find((p) => existsSync(p)) ?? null;
}

/**
 * Starts the broker as a Node child process of this Node (browser mode, tests, `npm run sandbox`):
 * the built script when there is one, else the TypeScript CLI through tsx.
 *
 * The child gets an IPC channel and `--ipc`: the kernel closes that channel the moment this
 * process ends, however it ends (kill -9 included, and also while it lingers as a zombie), and the
 * broker stops on the 'disconnect' it sees. `--parent-pid` adds a poll as a second line, which is
 * also all the Electron utility process has (see app/utility-broker.ts).
 */
export function resolveBrokerLaunch(): BrokerLaunch {
  const bundled = bundledBrokerScript();
  const here = dirname(fileURLToPath(import.meta.url));
  const entry = bundled ? [bundled] : ['--import', 'tsx', resolve(here, '../broker/cli.ts')];
  return {
    kind: 'Node child process',
    start(args: string[]): BrokerProcess {
      const child = spawn(process.execPath, [...entry, '--ipc', ...args], {
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        env: process.env,
      });
      const exited = new Promise<BrokerExit>((done) => {
        child.once('exit', (code, signal) => done({ code, signal }));
        // 'error' without a pid: the program could not be started at all, and no 'exit' follows.
        child.on('error', (err) => {
          if (child.pid === undefined) done({ code: null, signal: null, error: err.message });
        });
      });
      return {
        get pid() {
          return child.pid;
        },
        stdout: child.stdout!,
        stderr: child.stderr!,
        exited,
        terminate: () => void child.kill('SIGTERM'),
        kill: () => void child.kill('SIGKILL'),
      };
    },
  };
}
