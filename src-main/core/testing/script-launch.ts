import { spawn } from 'node:child_process';
import type { BrokerExit, BrokerLaunch } from '../sandbox/broker-process.js';

/**
 * A stand-in broker for unit tests: a Node child running `source` (it sees the manager's
 * arguments in process.argv), so start-up failures and odd output can be played exactly.
 */
export function scriptLaunch(source: string): BrokerLaunch & { argsSeen: string[][]; pids: number[] } {
  const argsSeen: string[][] = [];
  const pids: number[] = [];
  return {
    kind: 'test script',
    argsSeen,
    pids,
    start(args) {
      argsSeen.push(args);
      const child = spawn(process.execPath, ['-e', source, '--', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      if (child.pid) pids.push(child.pid);
      const exited = new Promise<BrokerExit>((done) => child.once('exit', (code, signal) => done({ code, signal })));
      return {
        get pid() {
          return child.pid;
        },
        stdout: child.stdout,
        stderr: child.stderr,
        exited,
        terminate: () => void child.kill('SIGTERM'),
        kill: () => void child.kill('SIGKILL'),
      };
    },
  };
}
