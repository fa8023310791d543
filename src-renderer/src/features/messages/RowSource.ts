import type { KafkaMessage } from '../../contract.js';

/** What the messages grid lists: a page, a live window or search results, read by index. */
export interface RowSource {
  count: number;
  at(index: number): KafkaMessage;
  /** Changes whenever rows change, so memoized rows know to re-render. */
  version: number;
}

export const messageKey = (m: { partition: number; offset: string }) => `${m.partition}:${m.offset}`;

export function arraySource(list: readonly KafkaMessage[], version = 0): RowSource {
  return { count: list.length, at: (i) => list[i]!, version };
}
