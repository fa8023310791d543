/**
 * Runs the sandbox broker CLI as a child process (node --import tsx cli.ts), so a crash, a hang or
 * a kill -9 is visible to the test exactly as it would be to the desktop app.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../cli.ts');

export interface BrokerProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly port: number;
  readonly bootstrap: string;
  /** Everything the broker wrote to stderr so far (its log). */
  stderr(): string;
  alive(): boolean;
  /** Resident set size in bytes, from /proc/<pid>/status. */
  rssBytes(): number;
  /** SIGKILL, no clean shutdown: segments and snapshots stay as they are on disk. */
  kill9(): Promise<void>;
  /** SIGTERM and wait for exit; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** A port nobody listens on right now (so a restarted broker can reuse the same one). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export function startBrokerProcess(dataDir: string, port = 0, extraArgs: string[] = []): Promise<BrokerProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CLI, '--port', String(port), '--data-dir', dataDir, ...extraArgs],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: '' },
    },
  );
  let err = '';
  let out = '';
  let exited = false;
  const exit = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      exited = true;
      resolve(code);
    }),
  );
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    // Keep the tail only: a fuzz run can log a lot of warnings.
    err = (err + d).slice(-200_000);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`broker did not start in 30 s\n${err}`));
    }, 30_000);
    void exit.then((code) => {
      clearTimeout(timer);
      reject(new Error(`broker exited with ${code} before ready\n${err}`));
    });
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /Samsa sandbox ready on ([\d.]+):(\d+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      const bound = Number(m[2]);
      resolve({
        child,
        pid: child.pid!,
        port: bound,
        bootstrap: `127.0.0.1:${bound}`,
        stderr: () => err,
        alive: () => !exited && child.exitCode === null && child.signalCode === null,
        rssBytes: () => {
          const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
          const kb = /VmRSS:\s+(\d+) kB/.exec(status);
          return kb ? Number(kb[1]) * 1024 : NaN;
        },
        kill9: async () => {
          if (!exited) child.kill('SIGKILL');
          await exit;
        },
        stop: async () => {
          if (!exited) child.kill('SIGTERM');
          const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
          const code = await exit;
          clearTimeout(t);
          return code;
        },
      });
    });
  });
}
