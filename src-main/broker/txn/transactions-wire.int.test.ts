/**
 * Transactions at the protocol level against the sandbox: what a client reads back from each API
 * of a transaction's life (FindCoordinator, InitProducerId, AddPartitionsToTxn, Produce, Fetch at both
 * isolation levels, ListOffsets, DescribeProducers, DescribeTransactions, ListTransactions,
 * WriteTxnMarkers, EndTxn, Metadata), and that all of it survives a restart on the same data dir.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKey, buildBatch, ErrorCode, splitBatches } from '../../kafka-protocol/index.js';
import { startTestBroker, tempDataDir, type TestBroker } from '../testing/test-broker.js';
import { WireClient } from '../testing/wire-client.js';

let dataDir: string;
let broker: TestBroker;
let c: WireClient;

async function start(): Promise<void> {
  broker = await startTestBroker({ dataDir });
  c = await WireClient.connect(broker.host, broker.port);
}

beforeAll(async () => {
  dataDir = tempDataDir();
  await start();
  await c.request(ApiKey.CreateTopics, 4, {
    topics: [{ name: 'wire-txn', numPartitions: 2, replicationFactor: 1, assignments: [], configs: [] }],
    timeoutMs: 5000,
    validateOnly: false,
  });
});
afterAll(async () => {
  c?.close();
  await broker?.dispose();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const produce = (txnId: string | null, pid: bigint, epoch: number, seq: number, values: string[], partition = 0) =>
  c.request(ApiKey.Produce, 8, {
    transactionalId: txnId,
    acks: -1,
    timeoutMs: 5000,
    topicData: [
      {
        name: 'wire-txn',
        partitionData: [
          {
            index: partition,
            records: buildBatch({
              records: values.map((v) => ({ key: null, value: v })),
              producerId: pid,
              producerEpoch: epoch,
              baseSequence: seq,
              isTransactional: txnId !== null,
            }),
          },
        ],
      },
    ],
  });

const fetch = async (isolationLevel: number, partition = 0) => {
  const r = await c.request(ApiKey.Fetch, 11, {
    replicaId: -1,
    maxWaitMs: 0,
    minBytes: 0,
    maxBytes: 1 << 20,
    isolationLevel,
    sessionId: 0,
    sessionEpoch: -1,
    topics: [
      {
        topic: 'wire-txn',
        partitions: [
          { partition, currentLeaderEpoch: -1, fetchOffset: 0n, logStartOffset: -1n, partitionMaxBytes: 1 << 20 },
        ],
      },
    ],
    forgottenTopicsData: [],
    rackId: '',
  });
  const p = r.responses[0].partitions[0];
  const batches = p.records && p.records.length > 0 ? splitBatches(p.records) : [];
  return { ...p, batches: batches.map((b) => [b.header.baseOffset, b.header.isControl] as const) };
};

const listOffset = async (isolationLevel: number) =>
  (
    await c.request(ApiKey.ListOffsets, 5, {
      replicaId: -1,
      isolationLevel,
      topics: [
        {
          name: 'wire-txn',
          partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp: -1n, maxNumOffsets: 1 }],
        },
      ],
    })
  ).topics[0].partitions[0].offset;

describe('transactions over the wire', () => {
  let pid = 0n;
  let epoch = 0;

  it('finds this node as transaction coordinator and initializes a transactional id', async () => {
    const meta = await c.request(ApiKey.Metadata, 9, {
      topics: null,
      allowAutoTopicCreation: false,
      includeClusterAuthorizedOperations: false,
      includeTopicAuthorizedOperations: false,
    });
    expect(meta.topics.map((t) => t.name)).not.toContain('__transaction_state');
    // As in Kafka, the first transaction-coordinator lookup creates the internal topic.
    const fc = await c.request(ApiKey.FindCoordinator, 3, { key: 'wire-app', keyType: 1 });
    expect(fc).toMatchObject({ errorCode: ErrorCode.NONE, nodeId: 1, port: broker.port });
    const init = await c.request(ApiKey.InitProducerId, 4, {
      transactionalId: 'wire-app',
      transactionTimeoutMs: 60_000,
      producerId: -1n,
      producerEpoch: -1,
    });
    expect(init.errorCode).toBe(ErrorCode.NONE);
    ({ producerId: pid, producerEpoch: epoch } = init);
    const after = await c.request(ApiKey.Metadata, 9, {
      topics: null,
      allowAutoTopicCreation: false,
      includeClusterAuthorizedOperations: false,
      includeTopicAuthorizedOperations: false,
    });
    const internal = after.topics.find((t) => t.name === '__transaction_state');
    expect(internal).toMatchObject({ isInternal: true });
    expect(internal!.partitions.length).toBe(50);
    // Protected as Kafka protects it: no writes from ordinary clients, no ordinary topic in its place.
    const write = await c.request(ApiKey.Produce, 8, {
      transactionalId: null,
      acks: 1,
      timeoutMs: 1000,
      topicData: [
        {
          name: '__transaction_state',
          partitionData: [{ index: 0, records: buildBatch({ records: [{ key: null, value: 'x' }] }) }],
        },
      ],
    });
    expect(write.responses[0].partitionResponses[0].errorCode).toBe(ErrorCode.INVALID_TOPIC_EXCEPTION);
    // ...and reads as empty, so tools that walk every partition do not stall on it.
    const producers = await c.request(ApiKey.DescribeProducers, 0, {
      topics: [{ name: '__transaction_state', partitionIndexes: [0, 49] }],
    });
    expect(producers.topics[0].partitions.map((p) => [p.errorCode, p.activeProducers.length])).toEqual([
      [ErrorCode.NONE, 0],
      [ErrorCode.NONE, 0],
    ]);
    const end = await c.request(ApiKey.ListOffsets, 5, {
      replicaId: -1,
      isolationLevel: 0,
      topics: [
        {
          name: '__transaction_state',
          partitions: [{ partitionIndex: 7, currentLeaderEpoch: -1, timestamp: -1n, maxNumOffsets: 1 }],
        },
      ],
    });
    expect(end.topics[0].partitions[0]).toMatchObject({ errorCode: ErrorCode.NONE, offset: 0n });
  });

  it('refuses a transactional batch for a partition the transaction has not added', async () => {
    const r = await produce('wire-app', pid, epoch, 0, ['early']);
    expect(r.responses[0].partitionResponses[0].errorCode).toBe(ErrorCode.INVALID_TXN_STATE);
    const missing = await c.request(ApiKey.AddPartitionsToTxn, 1, {
      transactionalId: 'wire-app',
      producerId: pid,
      producerEpoch: epoch,
      topics: [
        { name: 'wire-txn', partitions: [0] },
        { name: 'nope', partitions: [0] },
      ],
    });
    expect(missing.results.map((t) => t.results[0].errorCode)).toEqual([
      ErrorCode.OPERATION_NOT_ATTEMPTED,
      ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
    ]);
  });

  it('hides an open transaction from read_committed, then shows the aborted one in AbortedTransactions', async () => {
    await produce(null, 7777n, 0, 0, ['plain-0']); // offset 0, an ordinary idempotent record
    const add = await c.request(ApiKey.AddPartitionsToTxn, 1, {
      transactionalId: 'wire-app',
      producerId: pid,
      producerEpoch: epoch,
      topics: [{ name: 'wire-txn', partitions: [0] }],
    });
    expect(add.results[0].results[0].errorCode).toBe(ErrorCode.NONE);
    expect((await produce('wire-app', pid, epoch, 0, ['t1', 't2'])).responses[0].partitionResponses[0].errorCode).toBe(
      ErrorCode.NONE,
    ); // offsets 1-2
    await produce(null, 7777n, 0, 1, ['plain-3']); // offset 3

    const open = await fetch(1);
    expect([open.highWatermark, open.lastStableOffset]).toEqual([4n, 1n]);
    expect(open.batches).toEqual([[0n, false]]);
    expect(await listOffset(1)).toBe(1n);
    expect(await listOffset(0)).toBe(4n);

    const described = await c.request(ApiKey.DescribeTransactions, 0, { transactionalIds: ['wire-app', 'ghost'] });
    expect(described.transactionStates[0]).toMatchObject({
      errorCode: ErrorCode.NONE,
      transactionState: 'Ongoing',
      producerId: pid,
      topics: [{ topic: 'wire-txn', partitions: [0] }],
    });
    expect(described.transactionStates[1].errorCode).toBe(ErrorCode.TRANSACTIONAL_ID_NOT_FOUND);
    const producers = await c.request(ApiKey.DescribeProducers, 0, {
      topics: [{ name: 'wire-txn', partitionIndexes: [0] }],
    });
    const mine = producers.topics[0].partitions[0].activeProducers.find((p) => p.producerId === pid);
    expect(mine).toMatchObject({ currentTxnStartOffset: 1n, lastSequence: 1 });

    const end = await c.request(ApiKey.EndTxn, 1, {
      transactionalId: 'wire-app',
      producerId: pid,
      producerEpoch: epoch,
      committed: false,
    });
    expect(end.errorCode).toBe(ErrorCode.NONE); // marker at offset 4
    const done = await fetch(1);
    expect([done.highWatermark, done.lastStableOffset]).toEqual([5n, 5n]);
    expect(done.batches).toEqual([
      [0n, false],
      [1n, false],
      [3n, false],
      [4n, true],
    ]);
    expect(done.abortedTransactions).toEqual([{ producerId: pid, firstOffset: 1n }]);
    expect((await fetch(0)).abortedTransactions).toBeNull();
  });

  it('lists the transaction and lets WriteTxnMarkers end a hanging one', async () => {
    const listed = await c.request(ApiKey.ListTransactions, 1, {
      stateFilters: ['CompleteAbort'],
      producerIdFilters: [],
      durationFilter: -1n,
    });
    expect(listed.transactionStates).toEqual([
      { transactionalId: 'wire-app', producerId: pid, transactionState: 'CompleteAbort' },
    ]);
    // A hanging transaction the coordinator never heard of cannot be opened by Produce (verification),
    // but WriteTxnMarkers still closes whatever a producer left open, as kafka-transactions abort does.
    const marker = await c.request(ApiKey.WriteTxnMarkers, 1, {
      markers: [
        {
          producerId: 4242n,
          producerEpoch: 0,
          transactionResult: false,
          topics: [{ name: 'wire-txn', partitionIndexes: [1, 9] }],
          coordinatorEpoch: 0,
        },
      ],
    });
    expect(marker.markers[0].topics[0].partitions.map((p) => p.errorCode)).toEqual([
      ErrorCode.NONE,
      ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
    ]);
  });

  it('keeps the aborted-transaction index, the LSO and the coordinator state across a restart', async () => {
    c.close();
    await broker.stop();
    await start();
    const again = await fetch(1);
    expect([again.highWatermark, again.lastStableOffset]).toEqual([5n, 5n]);
    expect(again.abortedTransactions).toEqual([{ producerId: pid, firstOffset: 1n }]);
    const init = await c.request(ApiKey.InitProducerId, 4, {
      transactionalId: 'wire-app',
      transactionTimeoutMs: 60_000,
      producerId: -1n,
      producerEpoch: -1,
    });
    expect(init).toMatchObject({ errorCode: ErrorCode.NONE, producerId: pid, producerEpoch: epoch + 1 });
    const stale = await c.request(ApiKey.EndTxn, 1, {
      transactionalId: 'wire-app',
      producerId: pid,
      producerEpoch: epoch,
      committed: true,
    });
    expect(stale.errorCode).toBe(ErrorCode.INVALID_PRODUCER_EPOCH); // PRODUCER_FENCED, as v1 clients know it
  });
});
