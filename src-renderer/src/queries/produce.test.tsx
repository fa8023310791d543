// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, waitFor } from '@testing-library/react';
import { fakeBridge, renderHookWith, testQueryClient } from '../testing/render.js';
import { clusterKeys } from './cluster.js';
import { messageKeys } from './messages.js';
import { useProduce } from './produce.js';
import { topicKeys } from './topics.js';

afterEach(cleanup);

describe('useProduce', () => {
  it("sends to its topic, then refreshes that topic's watermarks and messages only", async () => {
    const { bridge, calls } = fakeBridge({
      'produce.send': () => ({ topic: 't', partition: 0, offset: '7', timestamp: 0 }),
    });
    const client = testQueryClient();
    const keys = {
      detail: topicKeys.detail('c', 't'),
      page: messageKeys.page('c', 't', { limit: 50, partitions: null, from: { kind: 'newest' } }),
      list: topicKeys.list('c'),
      otherTopic: topicKeys.detail('c', 'u'),
      otherCluster: clusterKeys.overview('d'),
    };
    for (const key of Object.values(keys)) client.setQueryData(key, {});

    const { result } = renderHookWith(() => useProduce('c', 't'), bridge, client);
    act(() => result.current.mutate({ value: 'v' }));
    await waitFor(() => expect(result.current.isSuccess).toBe(true));

    expect(calls).toEqual([{ method: 'produce.send', params: { value: 'v', clusterId: 'c', topic: 't' } }]);
    const invalidated = (key: readonly unknown[]) => client.getQueryState(key)?.isInvalidated;
    expect(invalidated(keys.detail)).toBe(true);
    expect(invalidated(keys.page)).toBe(true);
    expect(invalidated(keys.list)).toBe(false);
    expect(invalidated(keys.otherTopic)).toBe(false);
    expect(invalidated(keys.otherCluster)).toBe(false);
  });
});
