import { describe, expect, it } from 'vitest';
import { identityOf, isProcessGone, waitUntilGone, watchProcess } from './process-state.js';
import { deadPid, zombie } from './testing/processes.js';

const linux = process.platform === 'linux';

describe('isProcessGone', () => {
  it('says a running process is there and a collected one is gone', async () => {
    expect(isProcessGone(process.pid)).toBe(false);
    expect(isProcessGone(await deadPid())).toBe(true);
    expect(isProcessGone(0)).toBe(true);
    expect(isProcessGone(-5)).toBe(true);
  });

  it.runIf(linux)('counts a zombie as gone, though kill(pid, 0) still finds it', async () => {
    const { pid, holder } = await zombie();
    try {
      expect(() => process.kill(pid, 0)).not.toThrow();
      expect(isProcessGone(pid)).toBe(true);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it.runIf(linux)('counts a pid that now names another process (other start time) as gone', () => {
    const me = identityOf();
    expect(me.startTime).toMatch(/^\d+$/);
    expect(isProcessGone(me.pid, me.startTime)).toBe(false);
    expect(isProcessGone(me.pid, `${me.startTime}1`)).toBe(true);
  });
});

describe('watchProcess and waitUntilGone', () => {
  it.runIf(linux)('calls back once the watched process has become a zombie', async () => {
    const { pid, holder } = await zombie();
    try {
      let calls = 0;
      const stop = watchProcess(pid, () => calls++, 20);
      await expect.poll(() => calls, { timeout: 2000 }).toBe(1);
      await new Promise((r) => setTimeout(r, 100));
      expect(calls).toBe(1);
      stop();
      expect(await waitUntilGone(pid, 100)).toBe(true);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('times out on a process that stays, and never calls back while it runs', async () => {
    let calls = 0;
    const stop = watchProcess(process.pid, () => calls++, 10);
    expect(await waitUntilGone(process.pid, 120)).toBe(false);
    stop();
    expect(calls).toBe(0);
  });
});
