/**
 * Cross-checks against a real client's bytes: kafkajs 2.2.4's own request encoders and response
 * decoders (non-flexible versions only; kafkajs never uses flexible ones).
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ApiKey, decodeRequestOf, encodeResponse, knownApis, schemaVersions } from './index.js';

const require = createRequire(import.meta.url);
const kjs = (path: string) => require(`kafkajs/src/protocol/${path}`);

interface KafkajsRequest {
  apiKey: number;
  apiVersion: number;
  encode(): Promise<unknown>;
}

/** Frames a kafkajs request with kafkajs's own header writer, then drops the size prefix. */
async function kafkajsFrame(request: KafkajsRequest, correlationId = 17): Promise<Buffer> {
  const frameRequest = kjs('request.js');
  const encoder = await frameRequest({ correlationId, clientId: 'kafkajs-client', request });
  const bytes: Buffer = encoder.buffer;
  expect(bytes.readInt32BE(0)).toBe(bytes.length - 4);
  return bytes.subarray(4);
}

/** Our response frame minus size prefix and correlation id: what kafkajs hands its decoders. */
function kafkajsPayload(frame: Buffer): Buffer {
  return frame.subarray(8);
}

describe('decoding kafkajs-encoded requests', () => {
  it('Produce v7 with a real record batch', async () => {
    const request = kjs('requests/produce/v7/request.js')({
      acks: -1,
      timeout: 30000,
      transactionalId: null,
      topicData: [
        {
          topic: 'orders',
          partitions: [
            {
              partition: 0,
              messages: [
                { key: 'k1', value: 'v1' },
                { key: 'k2', value: 'v2' },
              ],
            },
            { partition: 3, messages: [{ value: 'solo' }] },
          ],
        },
      ],
    });
    const { header, body } = decodeRequestOf(ApiKey.Produce, await kafkajsFrame(request));
    expect(header).toEqual({ apiKey: ApiKey.Produce, apiVersion: 7, correlationId: 17, clientId: 'kafkajs-client' });
    expect(body.transactionalId).toBeNull();
    expect(body.acks).toBe(-1);
    expect(body.timeoutMs).toBe(30000);
    expect(body.topicData).toHaveLength(1);
    expect(body.topicData[0].name).toBe('orders');
    const [p0, p3] = body.topicData[0].partitionData;
    expect(p0.index).toBe(0);
    expect(p3.index).toBe(3);
    for (const p of [p0, p3]) {
      const records = p.records!;
      // RecordBatch v2: baseOffset(8) batchLength(4) = rest of the batch, magic at byte 16.
      expect(records.readInt32BE(8)).toBe(records.length - 12);
      expect(records[16]).toBe(2);
    }
    expect(p0.records!.readInt32BE(57)).toBe(2); // record count: 2 messages
  });

  it('Fetch v11', async () => {
    const request = kjs('requests/fetch/v11/request.js')({
      replicaId: -1,
      maxWaitTime: 5000,
      minBytes: 1,
      maxBytes: 10485760,
      isolationLevel: 1,
      sessionId: 0,
      sessionEpoch: -1,
      rackId: 'rack-a',
      topics: [{ topic: 'orders', partitions: [{ partition: 2, fetchOffset: '42', maxBytes: 1048576 }] }],
    });
    const { header, body } = decodeRequestOf(ApiKey.Fetch, await kafkajsFrame(request));
    expect(header.apiVersion).toBe(11);
    expect(body).toMatchObject({
      replicaId: -1,
      maxWaitMs: 5000,
      minBytes: 1,
      maxBytes: 10485760,
      isolationLevel: 1,
      sessionId: 0,
      sessionEpoch: -1,
      forgottenTopicsData: [],
      rackId: 'rack-a',
    });
    expect(body.topics).toEqual([
      {
        topic: 'orders',
        partitions: [
          {
            partition: 2,
            currentLeaderEpoch: -1,
            fetchOffset: 42n,
            lastFetchedEpoch: -1,
            logStartOffset: -1n,
            partitionMaxBytes: 1048576,
          },
        ],
      },
    ]);
  });

  it('Metadata v6, for listed topics and for all topics', async () => {
    const listed = decodeRequestOf(
      ApiKey.Metadata,
      await kafkajsFrame(kjs('requests/metadata/v6/request.js')({ topics: ['a', 'b'], allowAutoTopicCreation: false })),
    );
    expect(listed.header.apiVersion).toBe(6);
    expect(listed.body.topics?.map((t) => t.name)).toEqual(['a', 'b']);
    expect(listed.body.allowAutoTopicCreation).toBe(false);
    // kafkajs writes an empty list as a null array, i.e. "all topics".
    const all = decodeRequestOf(
      ApiKey.Metadata,
      await kafkajsFrame(kjs('requests/metadata/v6/request.js')({ topics: [] })),
    );
    expect(all.body.topics).toBeNull();
    expect(all.body.allowAutoTopicCreation).toBe(true);
  });

  it('JoinGroup v5', async () => {
    const metadata = Buffer.from([0, 1, 0, 0, 0, 1, 0, 6, 0x6f, 0x72, 0x64, 0x65, 0x72, 0x73, 0, 0, 0, 0]);
    const request = kjs('requests/joinGroup/v5/request.js')({
      groupId: 'g1',
      sessionTimeout: 30000,
      rebalanceTimeout: 60000,
      memberId: '',
      groupInstanceId: 'instance-1',
      protocolType: 'consumer',
      groupProtocols: [{ name: 'RoundRobinAssigner', metadata }],
    });
    const { header, body } = decodeRequestOf(ApiKey.JoinGroup, await kafkajsFrame(request));
    expect(header.apiVersion).toBe(5);
    expect(body).toEqual({
      groupId: 'g1',
      sessionTimeoutMs: 30000,
      rebalanceTimeoutMs: 60000,
      memberId: '',
      groupInstanceId: 'instance-1',
      protocolType: 'consumer',
      protocols: [{ name: 'RoundRobinAssigner', metadata }],
      reason: null,
    });
  });

  it('OffsetCommit v5', async () => {
    const request = kjs('requests/offsetCommit/v5/request.js')({
      groupId: 'g1',
      groupGenerationId: 3,
      memberId: 'member-1',
      topics: [
        {
          topic: 'orders',
          partitions: [
            { partition: 0, offset: '100' },
            { partition: 1, offset: '7', metadata: 'meta' },
          ],
        },
      ],
    });
    const { header, body } = decodeRequestOf(ApiKey.OffsetCommit, await kafkajsFrame(request));
    expect(header.apiVersion).toBe(5);
    expect(body).toMatchObject({ groupId: 'g1', generationId: 3, memberId: 'member-1', groupInstanceId: null });
    expect(body.topics[0].name).toBe('orders');
    expect(body.topics[0].partitions).toEqual([
      {
        partitionIndex: 0,
        committedOffset: 100n,
        committedLeaderEpoch: -1,
        commitTimestamp: -1n,
        committedMetadata: null,
      },
      {
        partitionIndex: 1,
        committedOffset: 7n,
        committedLeaderEpoch: -1,
        commitTimestamp: -1n,
        committedMetadata: 'meta',
      },
    ]);
  });
});

describe('kafkajs decoding our responses', () => {
  const h = (apiKey: number, apiVersion: number) => ({ apiKey, apiVersion, correlationId: 1, clientId: 'x' });

  it('Metadata v6', async () => {
    const frame = encodeResponse(h(ApiKey.Metadata, 6), {
      throttleTimeMs: 0,
      brokers: [{ nodeId: 1, host: 'localhost', port: 9092, rack: null }],
      clusterId: 'samsa-cluster',
      controllerId: 1,
      topics: [
        {
          errorCode: 0,
          name: 'orders',
          isInternal: false,
          partitions: [
            { errorCode: 0, partitionIndex: 0, leaderId: 1, replicaNodes: [1], isrNodes: [1], offlineReplicas: [] },
          ],
        },
      ],
    });
    const { decode, parse } = kjs('requests/metadata/v6/response.js');
    const parsed = await parse(await decode(kafkajsPayload(frame)));
    expect(parsed.brokers).toEqual([{ nodeId: 1, host: 'localhost', port: 9092, rack: null }]);
    expect(parsed.clusterId).toBe('samsa-cluster');
    expect(parsed.controllerId).toBe(1);
    expect(parsed.topicMetadata).toEqual([
      {
        topicErrorCode: 0,
        topic: 'orders',
        isInternal: false,
        partitionMetadata: [
          { partitionErrorCode: 0, partitionId: 0, leader: 1, replicas: [1], isr: [1], offlineReplicas: [] },
        ],
      },
    ]);
  });

  it('ApiVersions v2, listing every API we have schemas for', async () => {
    const apiKeys = knownApis.map((a) => ({
      apiKey: a.key,
      minVersion: schemaVersions[a.key]!.min,
      maxVersion: schemaVersions[a.key]!.max,
    }));
    const frame = encodeResponse(h(ApiKey.ApiVersions, 2), { errorCode: 0, apiKeys, throttleTimeMs: 0 });
    const { decode, parse } = kjs('requests/apiVersions/v2/response.js');
    const parsed = await parse(await decode(kafkajsPayload(frame)));
    expect(parsed.errorCode).toBe(0);
    expect(parsed.apiVersions).toEqual(apiKeys);
  });

  it('Produce v7', async () => {
    const frame = encodeResponse(h(ApiKey.Produce, 7), {
      responses: [
        {
          name: 'orders',
          partitionResponses: [{ index: 3, errorCode: 0, baseOffset: 1234n, logAppendTimeMs: -1n, logStartOffset: 0n }],
        },
      ],
      throttleTimeMs: 0,
    });
    const { decode, parse } = kjs('requests/produce/v7/response.js');
    const parsed = await parse(await decode(kafkajsPayload(frame)));
    expect(parsed.topics).toEqual([
      {
        topicName: 'orders',
        partitions: [{ partition: 3, errorCode: 0, baseOffset: '1234', logAppendTime: '-1', logStartOffset: '0' }],
      },
    ]);
  });
});
