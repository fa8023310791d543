import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// Electron cannot run here; a stand-in records how the utility process is asked for.
class FakeUtilityProcess extends EventEmitter {
  pid: number | undefined = undefined;
  stdout = new PassThrough();
  stderr = new PassThrough();
  killed = 0;
  kill() {
    this.killed++;
    return true;
  }
}
const forks: { script: string; args: string[]; options: unknown; child: FakeUtilityProcess }[] = [];
vi.mock('electron', () => ({
  utilityProcess: {
    fork: (script: string, args: string[], options: unknown) => {
      const child = new FakeUtilityProcess();
      forks.push({ script, args, options, child });
      return child;
    },
  },
}));

const { utilityBrokerLaunch } = await import('./utility-broker.js');

describe('utilityBrokerLaunch', () => {
  beforeEach(() => {
    forks.length = 0;
  });

  it('forks the bundled broker script with piped output and no ELECTRON_RUN_AS_NODE', () => {
    const launch = utilityBrokerLaunch('/app.asar/out/main/sandbox.js');
    launch.start(['--port', '9092', '--parent-pid', '42']);
    expect(forks).toHaveLength(1);
    expect(forks[0]!.script).toBe('/app.asar/out/main/sandbox.js');
    expect(forks[0]!.args).toEqual(['--port', '9092', '--parent-pid', '42']);
    expect(forks[0]!.options).toMatchObject({ stdio: 'pipe' });
    expect(JSON.stringify(forks[0]!.options)).not.toContain('ELECTRON_RUN_AS_NODE');
    expect(launch.kind).toBe('Electron utility process');
  });

  it('knows the pid once spawned, keeps it after exit, and reports the exit code', async () => {
    const proc = utilityBrokerLaunch('/s.js').start([]);
    const child = forks[0]!.child;
    expect(proc.pid).toBeUndefined();
    child.pid = 4321;
    child.emit('spawn');
    expect(proc.pid).toBe(4321);
    proc.terminate();
    expect(child.killed).toBe(1);
    child.pid = undefined; // Electron clears it on exit
    child.emit('exit', 0);
    await expect(proc.exited).resolves.toEqual({ code: 0, signal: null });
    expect(proc.pid).toBe(4321);
    expect(proc.stdout).toBe(child.stdout);
  });
});
