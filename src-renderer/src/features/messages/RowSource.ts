import type { KafkaMessage } from '../../contract.js';

/** What the messages grid lists: a page, a live window or search results, read by index. */
export interface RowSource {
  count: number;
  /** Undefined while the row is still being fetched (a live window keeps its rows in main). */
  at(index: number): KafkaMessage | undefined;
  /** Changes whenever rows change, so memoized rows know to re-render. */
  version: number;
  /** Asks for the rows from `first` to `last` (the visible ones), if some are not here yet. */
  load?(first: number, last: number): void;
  /** The keys of the rows from `first` to `last`, for ticking a range (a promise when some must be fetched). */
  keys(first: number, last: number): string[] | Promise<string[]>;
}

export const messageKey = (m: { partition: number; offset: string }) => `${m.partition}:${m.offset}`;

export function arraySource(list: readonly KafkaMessage[], version = 0): RowSource {
  return {
    count: list.length,
    at: (i) => list[i],
    version,
    keys: (first, last) => list.slice(first, last + 1).map(messageKey),
  };
}

/** Runs `then` with the keys at once when they are here, else once they are fetched. */
export function withKeys(rows: RowSource, first: number, last: number, then: (keys: string[]) => void): void {
  const keys = rows.keys(first, last);
  if (Array.isArray(keys)) then(keys);
  else void keys.then(then);
}
