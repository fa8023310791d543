/**
 * The sandbox broker as its own process (so its RSS and start time are its own), from the
 * electron-vite bundle when the build produces one, else the TypeScript CLI through tsx.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, repoRoot } from '../../test-support/kafka/kafka-fixture.js';
import { waitForTcp } from './net.js';

export interface SandboxLauncher {
  /** How it runs, for the report. */
  describe: string;
  argv: string[];
}

const bundle = join(repoRoot, 'out/main/sandbox.js');

/** Builds with electron-vite unless told to use tsx; falls back to tsx when there is no bundle. */
export function sandboxLauncher(forceTsx: boolean): SandboxLauncher {
  if (!forceTsx) {
    const r = spawnSync(
      process.execPath,
      [join(repoRoot, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
      { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    if (r.status === 0 && existsSync(bundle))
      return { describe: `node out/main/sandbox.js (electron-vite build, Node ${process.version})`, argv: [bundle] };
    process.stderr.write('electron-vite build did not produce out/main/sandbox.js; using tsx\n');
  }
  return {
    describe: `node --import tsx src-main/broker/cli.ts (Node ${process.version})`,
    argv: ['--import', 'tsx', join(repoRoot, 'src-main/broker/cli.ts')],
  };
}

export interface SandboxProcess {
  bootstrap: string;
  pid: number;
  /** Spawn → first TCP accept, spawn → "Samsa sandbox ready" on stdout. */
  startMs: { tcp: number; ready: number };
  /** null while running; else how it ended and the tail of its stderr (for a crash mid-benchmark). */
  exitInfo(): string | null;
  stop(): Promise<void>;
}

export interface SpawnSandboxOptions {
  nodeFlags?: string[];
  /** Kept (not deleted) on stop when given. */
  dataDir?: string;
}

export async function spawnSandbox(l: SandboxLauncher, o: SpawnSandboxOptions = {}): Promise<SandboxProcess> {
  const dataDir = o.dataDir ?? mkdtempSync(join(tmpdir(), 'samsa-bench-sandbox-'));
  const port = await freePort();
  const t0 = performance.now();
  const child: ChildProcess = spawn(
    process.execPath,
    [...(o.nodeFlags ?? []), ...l.argv, '--port', String(port), '--data-dir', dataDir],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let errTail = '';
  child.stderr!.on('data', (d: Buffer) => (errTail = (errTail + d.toString()).slice(-8000)));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const readyLine = new Promise<number>((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      if (buf.includes('Samsa sandbox ready on')) resolve(performance.now() - t0);
    });
    child.once('exit', (code) => reject(new Error(`sandbox exited (code ${code}) before ready:\n${errTail}`)));
  });
  readyLine.catch(() => {}); // observed below; avoid an unhandled rejection if TCP fails first

  const stop = async () => {
    if (alive()) {
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(t);
    }
    process.off('exit', killOnExit);
    if (!o.dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForTcp(port, 30_000, alive);
    const tcp = performance.now() - t0;
    const ready = await readyLine;
    const exitInfo = () =>
      alive() ? null : `exit code ${child.exitCode}, signal ${child.signalCode}; stderr tail:\n${errTail}`;
    return { bootstrap: `127.0.0.1:${port}`, pid: child.pid!, startMs: { tcp, ready }, exitInfo, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Resident and peak resident memory of a process, in MB (Linux /proc). */
export function memoryMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}
