/** Protocol-level behaviour over a raw socket: ordering, long polls, KIP-511, bad frames, error codes. */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKey, buildBatch, ErrorCode } from '../../kafka-protocol/index.js';
import { startBroker } from '../broker.js';
import { startTestBroker, type TestBroker } from '../testing/test-broker.js';
import { WireClient } from '../testing/wire-client.js';

let broker: TestBroker;
const clients: WireClient[] = [];

async function client(): Promise<WireClient> {
  const c = await WireClient.connect(broker.host, broker.port);
  clients.push(c);
  return c;
}

function produceBody(topic: string, values: string[], acks = 1, partition = 0) {
  const records = buildBatch({ records: values.map((v) => ({ key: null, value: v })) });
  return {
    transactionalId: null,
    acks,
    timeoutMs: 1000,
    topicData: [{ name: topic, partitionData: [{ index: partition, records }] }],
  };
}

function fetchBody(
  topic: string,
  fetchOffset: bigint,
  maxWaitMs: number,
  minBytes = 1,
  extra: Record<string, unknown> = {},
) {
  return {
    replicaId: -1,
    maxWaitMs,
    minBytes,
    maxBytes: 1 << 20,
    isolationLevel: 0,
    sessionId: 0,
    sessionEpoch: -1,
    topics: [{ topic, partitions: [{ partition: 0, fetchOffset, logStartOffset: -1n, partitionMaxBytes: 1 << 20 }] }],
    forgottenTopicsData: [],
    ...extra,
  };
}

const metadataBody = (topics: string[] | null) => ({
  topics: topics?.map((name) => ({ name })) ?? null,
  allowAutoTopicCreation: true,
});

beforeAll(async () => {
  broker = await startTestBroker({ maintenanceIntervalMs: 100 });
});

afterAll(async () => {
  for (const c of clients) c.close();
  await broker?.dispose();
});

describe('wire protocol', () => {
  it('answers an unsupported ApiVersions version with v0 and our list (KIP-511)', async () => {
    const c = await client();
    // Hand-built v99 request: the codec refuses to encode a version it does not know.
    const body = Buffer.from([0, 0]);
    const head = Buffer.alloc(14);
    head.writeInt32BE(10 + body.length, 0);
    head.writeInt16BE(ApiKey.ApiVersions, 4);
    head.writeInt16BE(99, 6);
    head.writeInt32BE(7, 8);
    head.writeInt16BE(-1, 12);
    const frames: Buffer[] = [];
    c.socket.on('data', (d: Buffer) => frames.push(d));
    c.socket.write(Buffer.concat([head, body]));
    await new Promise((r) => setTimeout(r, 200));
    const resp = Buffer.concat(frames);
    expect(resp.readInt32BE(4)).toBe(7); // correlation id, header v0
    expect(resp.readInt16BE(8)).toBe(ErrorCode.UNSUPPORTED_VERSION);
    expect(resp.readInt32BE(10)).toBeGreaterThan(20); // api count
    const v3 = await c.request(ApiKey.ApiVersions, 3, { clientSoftwareName: 'wire', clientSoftwareVersion: '1' });
    expect(v3.errorCode).toBe(0);
    expect(v3.apiKeys.find((a: { apiKey: number }) => a.apiKey === ApiKey.Produce)).toMatchObject({ minVersion: 0 });
    expect(v3.apiKeys.find((a: { apiKey: number }) => a.apiKey === ApiKey.SaslHandshake)).toBeUndefined();
  });

  it('keeps responses in request order behind a long poll, and wakes the poll on append', async () => {
    const c = await client();
    await c.request(ApiKey.Metadata, 9, metadataBody(['poll']));
    const started = Date.now();
    const fetch = c.send(ApiKey.Fetch, 11, fetchBody('poll', 0n, 5000));
    const meta = c.send(ApiKey.Metadata, 9, metadataBody(['poll']));
    await new Promise((r) => setTimeout(r, 100));
    expect(c.arrivals.includes(meta.correlationId)).toBe(false); // held behind the fetch
    const producer = await client();
    await producer.request(ApiKey.Produce, 7, produceBody('poll', ['hello']));
    const f = await fetch.response;
    await meta.response;
    expect(Date.now() - started).toBeLessThan(2000);
    expect(f.responses[0].partitions[0].records!.length).toBeGreaterThan(0);
    expect(f.responses[0].partitions[0].highWatermark).toBe(1n);
    expect(c.arrivals.slice(-2)).toEqual([fetch.correlationId, meta.correlationId]);
  });

  it('times out a long poll with an empty answer after maxWaitMs', async () => {
    const c = await client();
    const t0 = Date.now();
    const f = await c.request(ApiKey.Fetch, 11, fetchBody('poll', 1n, 300));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
    expect(f.responses[0].partitions[0]).toMatchObject({
      errorCode: 0,
      highWatermark: 1n,
      lastStableOffset: 1n,
      logStartOffset: 0n,
    });
    expect(f.responses[0].partitions[0].records!.length).toBe(0);
  });

  it('answers fetch errors per partition and session requests as Kafka does', async () => {
    const c = await client();
    const oor = await c.request(ApiKey.Fetch, 11, fetchBody('poll', 99n, 1000));
    expect(oor.responses[0].partitions[0].errorCode).toBe(ErrorCode.OFFSET_OUT_OF_RANGE);
    const unknown = await c.request(ApiKey.Fetch, 11, fetchBody('nope', 0n, 1000));
    expect(unknown.responses[0].partitions[0].errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    const open = await c.request(ApiKey.Fetch, 11, fetchBody('poll', 0n, 0, 0, { sessionEpoch: 0 }));
    expect(open).toMatchObject({ errorCode: 0, sessionId: 0 });
    const incremental = await c.request(
      ApiKey.Fetch,
      11,
      fetchBody('poll', 0n, 0, 0, { sessionId: 42, sessionEpoch: 3 }),
    );
    expect(incremental.errorCode).toBe(ErrorCode.FETCH_SESSION_ID_NOT_FOUND);
  });

  it('sends no response for acks=0 and keeps the order of the rest', async () => {
    const c = await client();
    const silent = c.send(ApiKey.Produce, 7, produceBody('acks0', ['a', 'b'], 0));
    const meta = c.send(ApiKey.Metadata, 9, metadataBody(['acks0']));
    await meta.response;
    expect(c.arrivals).not.toContain(silent.correlationId);
    const offsets = await c.request(ApiKey.ListOffsets, 5, {
      replicaId: -1,
      isolationLevel: 0,
      topics: [{ name: 'acks0', partitions: [{ partitionIndex: 0, timestamp: -1n }] }],
    });
    expect(offsets.topics[0].partitions[0].offset).toBe(2n);
  });

  it('rejects invalid acks and transactional produce per partition', async () => {
    const c = await client();
    const bad = await c.request(ApiKey.Produce, 7, produceBody('acks0', ['x'], 2));
    expect(bad.responses[0].partitionResponses[0].errorCode).toBe(ErrorCode.INVALID_REQUIRED_ACKS);
    const txn = await c.request(ApiKey.Produce, 7, { ...produceBody('acks0', ['x']), transactionalId: 'tx' });
    expect(txn.responses[0].partitionResponses[0].errorCode).toBe(ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED);
    const init = await c.request(ApiKey.InitProducerId, 1, { transactionalId: 'tx', transactionTimeoutMs: 1000 });
    expect(init.errorCode).toBe(ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED);
    const idem = await c.request(ApiKey.InitProducerId, 1, { transactionalId: null, transactionTimeoutMs: 1000 });
    expect(idem).toMatchObject({ errorCode: 0, producerEpoch: 0 });
    const coord = await c.request(ApiKey.FindCoordinator, 4, { keyType: 1, coordinatorKeys: ['tx'] });
    expect(coord.coordinators[0].errorCode).toBe(ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED);
    const group = await c.request(ApiKey.FindCoordinator, 2, { key: 'g', keyType: 0 });
    expect(group).toMatchObject({ errorCode: 0, nodeId: 1, port: broker.port });
  });

  it('lists offsets: latest, earliest, max timestamp, by time, and v0 style', async () => {
    const c = await client();
    const ts = (t: number) => BigInt(t);
    const batch = buildBatch({
      records: [10, 30, 20].map((t) => ({ key: null, value: `t${t}`, timestamp: ts(1_000_000 + t) })),
    });
    await c.request(ApiKey.Produce, 7, {
      transactionalId: null,
      acks: -1,
      timeoutMs: 1000,
      topicData: [{ name: 'times', partitionData: [{ index: 0, records: batch }] }],
    });
    const ask = (timestamp: bigint) =>
      c
        .request(ApiKey.ListOffsets, 7, {
          replicaId: -1,
          isolationLevel: 0,
          topics: [{ name: 'times', partitions: [{ partitionIndex: 0, timestamp }] }],
        })
        .then((r) => r.topics[0].partitions[0]);
    expect(await ask(-1n)).toMatchObject({ offset: 3n, errorCode: 0 });
    expect(await ask(-2n)).toMatchObject({ offset: 0n });
    expect(await ask(-3n)).toMatchObject({ offset: 1n, timestamp: 1_000_030n });
    expect((await ask(1_000_015n)).offset).toBe(1n);
    expect((await ask(2_000_000n)).offset).toBe(-1n);
    const v0 = await c.request(ApiKey.ListOffsets, 0, {
      replicaId: -1,
      topics: [{ name: 'times', partitions: [{ partitionIndex: 0, timestamp: -1n, maxNumOffsets: 1 }] }],
    });
    expect(v0.topics[0].partitions[0].oldStyleOffsets).toEqual([3n]);
  });

  it('CreateTopics v7 returns configs and a topic id; DeleteTopics v6 deletes by id', async () => {
    const c = await client();
    const created = await c.request(ApiKey.CreateTopics, 7, {
      topics: [
        {
          name: 'by-id',
          numPartitions: 2,
          replicationFactor: -1,
          assignments: [],
          configs: [{ name: 'cleanup.policy', value: 'compact' }],
        },
      ],
      timeoutMs: 1000,
      validateOnly: false,
    });
    const t = created.topics[0];
    expect(t).toMatchObject({ errorCode: 0, numPartitions: 2, replicationFactor: 1 });
    expect(t.configs!.find((x) => x.name === 'cleanup.policy')).toMatchObject({
      value: 'compact',
      configSource: 1,
    });
    expect(t.configs!.find((x) => x.name === 'segment.bytes')).toMatchObject({ configSource: 4 });
    const dup = await c.request(ApiKey.CreateTopics, 7, {
      topics: [{ name: 'by-id', numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }],
      timeoutMs: 1000,
    });
    expect(dup.topics[0].errorCode).toBe(ErrorCode.TOPIC_ALREADY_EXISTS);
    const meta = await c.request(ApiKey.Metadata, 12, {
      topics: [{ topicId: t.topicId, name: null }],
      allowAutoTopicCreation: false,
    });
    expect(meta.topics[0].name).toBe('by-id');
    const del = await c.request(ApiKey.DeleteTopics, 6, {
      topics: [{ name: null, topicId: t.topicId }],
      timeoutMs: 1000,
    });
    expect(del.responses[0]).toMatchObject({ name: 'by-id', errorCode: 0 });
    const gone = await c.request(ApiKey.Metadata, 9, { topics: [{ name: 'by-id' }], allowAutoTopicCreation: false });
    expect(gone.topics[0].errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
  });

  it('IncrementalAlterConfigs appends, subtracts, deletes; DescribeCluster describes us', async () => {
    const c = await client();
    await c.request(ApiKey.CreateTopics, 4, {
      topics: [{ name: 'inc', numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }],
      timeoutMs: 1000,
    });
    const alter = (configs: Array<{ name: string; configOperation: number; value: string | null }>) =>
      c
        .request(ApiKey.IncrementalAlterConfigs, 1, {
          resources: [{ resourceType: 2, resourceName: 'inc', configs }],
          validateOnly: false,
        })
        .then((r) => r.responses[0]);
    const describeCfg = async (name: string) =>
      (
        await c.request(ApiKey.DescribeConfigs, 4, {
          resources: [{ resourceType: 2, resourceName: 'inc', configurationKeys: [name] }],
          includeSynonyms: true,
          includeDocumentation: true,
        })
      ).results[0].configs[0];
    expect((await alter([{ name: 'cleanup.policy', configOperation: 2, value: 'compact' }])).errorCode).toBe(0);
    expect((await describeCfg('cleanup.policy')).value).toBe('delete,compact');
    expect(
      (
        await alter([
          { name: 'retention.ms', configOperation: 0, value: '1000' },
          { name: 'cleanup.policy', configOperation: 3, value: 'delete' },
        ])
      ).errorCode,
    ).toBe(0);
    expect(await describeCfg('retention.ms')).toMatchObject({ value: '1000', configSource: 1, configType: 5 });
    expect((await describeCfg('retention.ms')).synonyms.map((s: { source: number }) => s.source)).toEqual([1, 5]);
    expect((await describeCfg('cleanup.policy')).value).toBe('compact');
    expect((await alter([{ name: 'retention.ms', configOperation: 1, value: null }])).errorCode).toBe(0);
    expect((await describeCfg('retention.ms')).configSource).toBe(5);
    expect((await alter([{ name: 'retention.ms', configOperation: 2, value: '5' }])).errorCode).toBe(
      ErrorCode.INVALID_CONFIG,
    );
    expect((await alter([{ name: 'segment.bytes', configOperation: 0, value: '-5' }])).errorCode).toBe(
      ErrorCode.INVALID_CONFIG,
    );
    const cluster = await c.request(ApiKey.DescribeCluster, 1, {
      includeClusterAuthorizedOperations: false,
      endpointType: 1,
    });
    expect(cluster).toMatchObject({ errorCode: 0, clusterId: broker.clusterId, controllerId: 1 });
    expect(cluster.brokers[0]).toMatchObject({ brokerId: 1, host: broker.host, port: broker.port });
  });

  it('runs retention in the background', async () => {
    const c = await client();
    const created = await c.request(ApiKey.CreateTopics, 4, {
      topics: [
        {
          name: 'retained',
          numPartitions: 1,
          replicationFactor: 1,
          assignments: [],
          configs: [
            { name: 'segment.bytes', value: '1024' },
            { name: 'retention.bytes', value: '1' },
          ],
        },
      ],
      timeoutMs: 1000,
    });
    expect(created.topics[0].errorCode).toBe(0);
    for (let i = 0; i < 20; i++) await c.request(ApiKey.Produce, 7, produceBody('retained', ['x'.repeat(300)]));
    const earliest = () =>
      c
        .request(ApiKey.ListOffsets, 5, {
          replicaId: -1,
          isolationLevel: 0,
          topics: [{ name: 'retained', partitions: [{ partitionIndex: 0, timestamp: -2n }] }],
        })
        .then((r) => r.topics[0].partitions[0].offset as bigint);
    const end = Date.now() + 3000;
    while ((await earliest()) === 0n && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    expect(await earliest()).toBeGreaterThan(0n);
  });

  it('closes only the offending connection on bad frames', async () => {
    for (const size of [3, 200 * 1024 * 1024]) {
      const c = await client();
      const b = Buffer.alloc(4);
      b.writeInt32BE(size, 0);
      c.socket.write(b);
      expect(await c.waitClosed()).toBe(true);
    }
    const unknownApi = await client();
    unknownApi.socket.write(Buffer.from([0, 0, 0, 10, 0x03, 0xe7, 0, 0, 0, 0, 0, 1, 0xff, 0xff]));
    expect(await unknownApi.waitClosed()).toBe(true);
    const garbage = await client();
    garbage.socket.write(Buffer.from([0, 0, 0, 9, 0, 3, 0, 9, 0, 0, 0, 1, 0x7f]));
    expect(await garbage.waitClosed()).toBe(true);
    const ok = await client();
    expect((await ok.request(ApiKey.Metadata, 9, metadataBody(null))).brokers).toHaveLength(1);
  });

  it('answers many pipelined produce requests in order', async () => {
    const c = await client();
    const sends = Array.from({ length: 500 }, (_, i) => c.send(ApiKey.Produce, 7, produceBody('pipelined', [`m${i}`])));
    const results = await Promise.all(sends.map((s) => s.response));
    expect(results.map((r) => r.responses[0].partitionResponses[0].baseOffset)).toEqual(sends.map((_, i) => BigInt(i)));
    expect(c.arrivals.slice(-500)).toEqual(sends.map((s) => s.correlationId));
  });

  it('does not auto-create topics when the broker option is off', async () => {
    const strict = await startTestBroker({ autoCreateTopics: false });
    try {
      const c = await WireClient.connect(strict.host, strict.port);
      clients.push(c);
      const meta = await c.request(ApiKey.Metadata, 9, metadataBody(['not-there']));
      expect(meta.topics[0].errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
      const produced = await c.request(ApiKey.Produce, 7, produceBody('not-there', ['x']));
      expect(produced.responses[0].partitionResponses[0].errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
      const all = await c.request(ApiKey.Metadata, 0, { topics: [] });
      expect(all.topics).toEqual([]);
    } finally {
      await strict.dispose();
    }
  });

  it('refuses a second broker on the same data directory', async () => {
    await expect(startBroker({ dataDir: broker.dataDir, port: 0, logger: () => undefined })).rejects.toThrow(
      /already used by another Samsa sandbox broker/,
    );
  });

  it('reports a port in use clearly', async () => {
    const other = broker.dataDir + '-other';
    await expect(startBroker({ dataDir: other, port: broker.port, logger: () => undefined })).rejects.toMatchObject({
      code: 'EADDRINUSE',
    });
    fs.rmSync(other, { recursive: true, force: true });
  });
});
