import { describe, expect, it } from 'vitest';
import type { KafkaMessage } from '../../contract/messages.js';
import { mergeNewestFirst } from './merge.js';

const m = (partition: number, offset: string, timestamp: number): KafkaMessage => ({
  partition,
  offset,
  timestamp,
  key: null,
  value: null,
  headers: [],
});

describe('mergeNewestFirst', () => {
  it('orders by timestamp, then offset, then partition, and cuts at the limit', () => {
    const merged = mergeNewestFirst(
      [
        [m(0, '5', 100), m(0, '6', 300), m(0, '7', 300)],
        [m(1, '1', 200), m(1, '7', 300)],
        [m(2, '9007199254740993', 50), m(2, '9007199254740992', 50)],
      ],
      6,
    );
    expect(merged.map((x) => `${x.partition}:${x.offset}`)).toEqual([
      '0:7',
      '1:7',
      '0:6',
      '1:1',
      '0:5',
      '2:9007199254740993',
    ]);
  });
});
