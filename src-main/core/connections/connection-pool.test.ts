import { describe, expect, it } from 'vitest';
import { lazy } from './connection-pool.js';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((a, b) => ((resolve = a), (reject = b)));
  return { promise, resolve, reject };
}

describe('a connection shared by its callers (lazy)', () => {
  it('connects once for every caller, and keeps the connection', async () => {
    let opened = 0;
    const l = lazy(async () => ++opened);
    expect(await Promise.all([l.get(), l.get(), l.get()])).toEqual([1, 1, 1]);
    expect(await l.get()).toBe(1);
    expect(opened).toBe(1);
  });

  it('the caller that started a failed attempt gets its error; the next call tries again', async () => {
    const attempts = [deferred<string>(), deferred<string>()];
    let n = 0;
    const l = lazy(() => attempts[n++]!.promise);
    const first = l.get();
    attempts[0]!.reject(new Error('connection refused'));
    await expect(first).rejects.toThrow('connection refused');
    const second = l.get();
    attempts[1]!.resolve('up');
    expect(await second).toBe('up');
  });

  it('a caller that joined an attempt under way tries once more when it fails (the cluster came back meanwhile)', async () => {
    const attempts = [deferred<string>(), deferred<string>()];
    let n = 0;
    const l = lazy(() => attempts[n++]!.promise);
    const early = l.get(); // begun while the cluster was down
    const late = l.get(); // asked after it came back
    attempts[0]!.reject(new Error('connection refused'));
    await expect(early).rejects.toThrow('connection refused');
    attempts[1]!.resolve('up');
    expect(await late).toBe('up');
    expect(n).toBe(2);
    // Several late callers share that one fresh attempt.
    expect(await l.get()).toBe('up');
  });

  it('late callers of a failed attempt share one fresh attempt, and give up after it', async () => {
    const attempts = [deferred<string>(), deferred<string>()];
    let n = 0;
    const l = lazy(() => attempts[n++]!.promise);
    const early = l.get();
    const late = [l.get(), l.get()];
    attempts[0]!.reject(new Error('refused'));
    await expect(early).rejects.toThrow('refused');
    await Promise.resolve();
    attempts[1]!.reject(new Error('still refused'));
    for (const p of late) await expect(p).rejects.toThrow('still refused');
    expect(n).toBe(2);
  });
});
