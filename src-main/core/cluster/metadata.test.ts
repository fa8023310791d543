import type { Cluster } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { fetchMetadata } from './metadata.js';

/** A kafkajs Cluster whose metadata requests answer when the test says so. */
function fakeCluster() {
  const pending: { resolve: (v: unknown) => void; reject: (e: Error) => void }[] = [];
  const broker = {
    metadata: () => new Promise((resolve, reject) => pending.push({ resolve, reject })),
  };
  const cluster = {
    refreshMetadataIfNecessary: async () => {},
    getNodeIds: () => [1],
    findBroker: async () => broker,
  } as unknown as Cluster;
  const answer = { brokers: [{ nodeId: 1, host: 'h', port: 9092 }], topicMetadata: [] };
  return { cluster, pending, answer };
}

const refused = () => Object.assign(new Error('connect ECONNREFUSED'), { type: 'NETWORK' });
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('whole-cluster metadata shared by concurrent callers', () => {
  it('concurrent callers share one request', async () => {
    const { cluster, pending, answer } = fakeCluster();
    const a = fetchMetadata(cluster);
    const b = fetchMetadata(cluster);
    await settle();
    expect(pending).toHaveLength(1);
    pending[0]!.resolve(answer);
    expect((await a).brokers).toEqual((await b).brokers);
  });

  it('a caller that joined a request begun while the cluster was down asks again when it fails', async () => {
    const { cluster, pending, answer } = fakeCluster();
    const early = fetchMetadata(cluster);
    await settle();
    const late = [fetchMetadata(cluster), fetchMetadata(cluster)];
    pending[0]!.reject(refused());
    await expect(early).rejects.toThrow('ECONNREFUSED');
    await settle();
    expect(pending).toHaveLength(2); // one fresh request for both late callers
    pending[1]!.resolve(answer);
    for (const p of late) expect((await p).brokers).toHaveLength(1);
  });
});
