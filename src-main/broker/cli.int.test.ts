/** The CLI as a process: ready line, clean stop on SIGTERM/SIGINT, exit 2 on a port in use, --ipc messages. */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isProcessGone } from '../util/process-state.js';
import { deadPid, zombie } from '../util/testing/processes.js';
import { tempDataDir } from './testing/test-broker.js';

const CLI = path.resolve('src-main/broker/cli.ts');
const TSX = path.resolve('node_modules/tsx/dist/cli.mjs');
const dirs: string[] = [];

afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function run(args: string[]) {
  const dir = tempDataDir('samsa-cli-');
  dirs.push(dir);
  const child = spawn(process.execPath, [TSX, CLI, '--data-dir', dir, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', () => {
      const m = /Samsa sandbox ready on (\S+)\n/.exec(stdout);
      if (m) resolve(m[1]);
    });
    exited.then(() => reject(new Error(`exited before ready: ${stderr}`)));
  });
  ready.catch(() => undefined);
  return { child, ready, exited, out: () => ({ stdout, stderr }) };
}

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe('broker cli', () => {
  it('prints the ready line and stops cleanly on SIGTERM and SIGINT', async () => {
    for (const sig of ['SIGTERM', 'SIGINT'] as const) {
      const port = await freePort();
      const p = run(['--port', String(port)]);
      expect(await p.ready).toBe(`127.0.0.1:${port}`);
      expect(p.out().stdout).toBe(`Samsa sandbox ready on 127.0.0.1:${port}\n`);
      p.child.kill(sig);
      expect(await p.exited).toBe(0);
    }
  });

  it('exits with code 2 and one clear line when the port is in use', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const p = run(['--port', String(port)]);
      expect(await p.exited).toBe(2);
      const lines = p.out().stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`port ${port} .*already in use`));
    } finally {
      blocker.close();
    }
  });

  it('reports ready and logs over IPC with --ipc', async () => {
    const dir = tempDataDir('samsa-cli-');
    dirs.push(dir);
    const child: ChildProcess = fork(CLI, ['--port', '0', '--data-dir', dir, '--ipc'], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const messages: Array<{ type: string; port?: number }> = [];
    const ready = new Promise<{ port: number }>((resolve) =>
      child.on('message', (m: { type: string; port?: number }) => {
        messages.push(m);
        if (m.type === 'ready') resolve(m as { port: number });
      }),
    );
    const { port } = await ready;
    expect(port).toBeGreaterThan(0);
    const exited = new Promise((r) => child.on('exit', r));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(messages.some((m) => m.type === 'log')).toBe(true);
  });

  it('stops by itself, releasing its data folder, when the --parent-pid process is gone', async () => {
    const parent = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    await new Promise((r) => parent.once('spawn', r));
    const p = run(['--port', '0', '--parent-pid', String(parent.pid)]);
    await p.ready;
    const dir = dirs.at(-1)!;
    expect(JSON.parse(fs.readFileSync(path.join(dir, '.lock'), 'utf8')).parent.pid).toBe(parent.pid);
    parent.kill('SIGKILL');
    expect(await p.exited).toBe(0);
    expect(p.out().stderr).toMatch(/INFO parent process exited, stopping/);
    expect(fs.existsSync(path.join(dir, '.lock'))).toBe(false);
  });

  it('stops when its IPC parent dies by kill -9 (the channel closes)', async () => {
    const dir = tempDataDir('samsa-cli-');
    dirs.push(dir);
    // A parent that forks the broker with an IPC channel, prints the broker's pid once it is ready, then waits.
    const parentSource = `
      const { fork } = require('node:child_process');
      const child = fork(${JSON.stringify(CLI)}, ['--port', '0', '--data-dir', ${JSON.stringify(dir)}, '--ipc'],
        { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
      child.on('message', (m) => { if (m.type === 'ready') console.log('broker ' + child.pid); });`;
    const parent = spawn(process.execPath, ['-e', parentSource], { stdio: ['ignore', 'pipe', 'inherit'] });
    const brokerPid = await new Promise<number>((resolve) =>
      parent.stdout!.on('data', (d: Buffer) => {
        const m = /broker (\d+)/.exec(d.toString());
        if (m) resolve(Number(m[1]));
      }),
    );
    parent.kill('SIGKILL');
    await expect.poll(() => isProcessGone(brokerPid), { timeout: 5_000 }).toBe(true);
    expect(fs.existsSync(path.join(dir, '.lock'))).toBe(false);
  });

  it('takes over a lock whose holder is gone, and refuses one whose holder runs', async () => {
    const zombieHolder = process.platform === 'linux' ? await zombie() : null;
    const stalePid = zombieHolder?.pid ?? (await deadPid());
    try {
      const first = run(['--port', '0']);
      await first.ready;
      const dir = dirs.at(-1)!;
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
      // A broker killed with -9 left its lock; its pid is now a zombie or nobody.
      fs.writeFileSync(path.join(dir, '.lock'), JSON.stringify({ pid: stalePid, startTime: null, parent: null }));
      const again = spawn(process.execPath, ['--import', 'tsx', CLI, '--data-dir', dir, '--port', '0'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      await new Promise<void>((resolve) =>
        again.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve()),
      );
      // While it runs, a second broker on the same folder is refused with exit code 3.
      const second = spawn(process.execPath, ['--import', 'tsx', CLI, '--data-dir', dir, '--port', '0'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      second.stderr!.on('data', (d) => (stderr += d));
      expect(await new Promise((r) => second.on('exit', r))).toBe(3);
      expect(stderr).toContain(`already used by another Samsa sandbox broker (pid ${again.pid})`);
      again.kill('SIGTERM');
      expect(await new Promise((r) => again.on('exit', r))).toBe(0);
    } finally {
      zombieHolder?.holder.kill('SIGKILL');
    }
  });
});
