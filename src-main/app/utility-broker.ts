import { utilityProcess } from 'electron';
import type { Readable } from 'node:stream';
import type { BrokerExit, BrokerLaunch, BrokerProcess } from '../core/sandbox/broker-process.js';

/**
 * The desktop app runs the sandbox broker in an Electron utility process: Node in a child of the
 * app that needs no `ELECTRON_RUN_AS_NODE`, so the packaged app ships with the RunAsNode fuse
 * off, and which loads `sandbox.js` straight from inside app.asar.
 *
 * When the app dies, Chromium ends its child processes; should that ever not happen (a crash of
 * the browser process half-way), the broker also polls the `--parent-pid` it is given and stops
 * by itself. A utility process has no channel whose closing it could watch instead: its
 * `process.parentPort` reports messages, not the parent going away.
 */
export function utilityBrokerLaunch(script: string): BrokerLaunch {
  return {
    kind: 'Electron utility process',
    start(args: string[]): BrokerProcess {
      const child = utilityProcess.fork(script, args, { stdio: 'pipe', serviceName: 'Samsa sandbox broker' });
      let pid: number | undefined = child.pid;
      child.once('spawn', () => (pid = child.pid));
      const exited = new Promise<BrokerExit>((done) => {
        // Exit codes only: a process ended by a signal reports it as its code.
        child.once('exit', (code) => done({ code, signal: null }));
      });
      return {
        get pid() {
          return pid;
        },
        stdout: child.stdout as Readable,
        stderr: child.stderr as Readable,
        exited,
        terminate: () => void child.kill(),
        kill: () => {
          if (pid === undefined) return;
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // already gone
          }
        },
      };
    },
  };
}
