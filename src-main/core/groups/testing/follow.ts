/** Test helper: runs a core subscription in the background and lets a test wait for what it emits. */
import type { SubscriptionContext } from '../../../contract/define.js';

export interface Followed<T> {
  items: T[];
  latest(): T | undefined;
  /** Resolves with the first item satisfying `pred` among the latest one seen so far and those that follow. */
  waitFor(pred: (item: T) => boolean, timeoutMs?: number, what?: string): Promise<T>;
  stop(): Promise<void>;
  /** Set when the stream ended with an error. */
  error(): unknown;
}

export function follow<P, T>(run: (params: P, ctx: SubscriptionContext<T>) => Promise<void>, params: P): Followed<T> {
  const items: T[] = [];
  const ac = new AbortController();
  let failure: unknown = null;
  const waiters = new Set<() => void>();
  const done = run(params, {
    signal: ac.signal,
    emit: (item) => {
      items.push(item);
      for (const w of waiters) w();
    },
    whenWritable: async () => undefined,
  }).catch((e: unknown) => {
    failure = e;
    for (const w of waiters) w();
  });
  return {
    items,
    latest: () => items[items.length - 1],
    error: () => failure,
    waitFor(pred, timeoutMs = 60_000, what = 'an item') {
      const from = Math.max(0, items.length - 1);
      return new Promise<T>((resolve, reject) => {
        const check = () => {
          const hit = items.slice(from).find(pred);
          if (hit !== undefined) {
            cleanup();
            resolve(hit);
          } else if (failure) {
            cleanup();
            reject(failure instanceof Error ? failure : new Error(String(failure)));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(
              `Timed out after ${timeoutMs} ms waiting for ${what}; last: ${JSON.stringify(items.at(-1))?.slice(0, 2000)}`,
            ),
          );
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    async stop() {
      ac.abort();
      await done;
    },
  };
}

/** Rows of a whitespace-separated table printed by kafka-consumer-groups, keyed by its header line. */
export function toolTable(stdout: string, firstHeader: string): Array<Record<string, string>> {
  const lines = stdout
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const h = lines.findIndex((l) => l.startsWith(firstHeader));
  if (h < 0) return [];
  const cols = lines[h]!.split(/\s+/);
  return lines
    .slice(h + 1)
    .filter((l) => !l.startsWith(firstHeader))
    .map((l) => {
      const cells = l.split(/\s+/);
      return Object.fromEntries(cols.map((c, i) => [c, cells[i] ?? '']));
    });
}
