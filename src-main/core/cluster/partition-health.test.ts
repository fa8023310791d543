import { describe, expect, it } from 'vitest';
import type { TopicMetadata } from './metadata.js';
import { partitionHealth, problemsOf } from './partition-health.js';

const p = (partitionId: number, leader: number, replicas: number[], isr: number[]) => ({
  partitionId,
  leader,
  replicas,
  isr,
  partitionErrorCode: 0,
});

describe('partition health', () => {
  it('judges one partition', () => {
    expect(problemsOf(p(0, 1, [1, 2, 3], [1, 2, 3]), 2)).toEqual([]);
    expect(problemsOf(p(0, 1, [1, 2, 3], [1, 2]), 2)).toEqual(['under-replicated']);
    expect(problemsOf(p(0, 1, [1, 2, 3], [1]), 2)).toEqual(['under-min-isr', 'under-replicated']);
    // rf 1 with min.insync.replicas 2: every acks=all write fails though nothing is "under-replicated".
    expect(problemsOf(p(0, 1, [1], [1]), 2)).toEqual(['under-min-isr']);
    expect(problemsOf(p(0, -1, [1, 2], []), 2)).toEqual(['offline', 'under-replicated']);
    expect(problemsOf(p(0, 1, [1, 2, 3], [1]), null)).toEqual(['under-replicated']);
  });

  it('counts over the cluster and lists problems worst first', () => {
    const topics: TopicMetadata[] = [
      {
        topic: 'b',
        isInternal: false,
        topicErrorCode: 0,
        partitionMetadata: [p(0, 1, [1, 2], [1]), p(1, 2, [1, 2], [1, 2])],
      },
      { topic: 'a', isInternal: false, topicErrorCode: 0, partitionMetadata: [p(0, -1, [3], [])] },
      { topic: 'c', isInternal: false, topicErrorCode: 0, partitionMetadata: [p(0, 1, [1, 2], [1])] },
    ];
    const r = partitionHealth(topics, new Map([['c', 2]]), null, 42);
    expect(r).toMatchObject({
      partitionCount: 4,
      topicCount: 3,
      counts: { offline: 1, 'under-min-isr': 1, 'under-replicated': 3 },
      truncated: false,
      readAt: 42,
    });
    expect(r.partitions.map((x) => `${x.topic}/${x.partition}:${x.problems.join('+')}`)).toEqual([
      'a/0:offline+under-replicated',
      'c/0:under-min-isr+under-replicated',
      'b/0:under-replicated',
    ]);
  });
});
