/**
 * Transactions as clients that are not ours use them, run side by side against the sandbox and a
 * real Apache Kafka 4.1: kafkajs transactions (commit, abort, offsets, fencing), Kafka's own
 * exactly-once copier (TransactionalMessageCopier, with random aborts), kafka-transactions
 * (list, describe, describe-producers, abort of a hanging transaction) and
 * kafka-console-consumer --isolation-level read_committed. Each check is what a user relies on:
 * which records a read_committed reader sees, which offsets a group ends with, what the tools print.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertToolOk, jsonLines, runKafkaTool, Tools } from '../../../test-support/kafka/kafka-tools.js';
import { kafkaSingleton } from '../../../test-support/kafka/kafka-singleton.js';
import { startTestBroker, type TestBroker } from '../testing/test-broker.js';

const hasJava = spawnSync('java', ['-version']).status === 0;

interface Target {
  name: string;
  bootstrap: () => string;
}

let sandbox: TestBroker;
let kafkaBootstrap = '';
const targets: Target[] = [
  { name: 'sandbox', bootstrap: () => sandbox.bootstrap },
  { name: 'Apache Kafka 4.1', bootstrap: () => kafkaBootstrap },
];

beforeAll(async () => {
  sandbox = await startTestBroker();
  if (hasJava) kafkaBootstrap = (await kafkaSingleton()).bootstrap;
});
afterAll(async () => {
  await sandbox?.dispose();
});

const client = (bootstrap: string) =>
  new Kafka({ clientId: 'txn-compat', brokers: [bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 5 } });

/** Values a read_committed (or read_uncommitted) console consumer prints for the whole topic. */
async function consoleRead(bootstrap: string, topic: string, isolation: string, expected: number): Promise<string[]> {
  const r = await runKafkaTool(
    Tools.consoleConsumer,
    [
      ...['--bootstrap-server', bootstrap, '--topic', topic, '--from-beginning', '--isolation-level', isolation],
      ...['--group', `reader-${randomUUID()}`, '--max-messages', String(expected), '--timeout-ms', '8000'],
    ],
    { timeoutMs: 60_000 },
  );
  // The tool exits non-zero on its timeout when fewer than expected arrived; the count is the check.
  return r.stdout.split('\n').filter((l) => l.length > 0 && !l.startsWith('Processed'));
}

/**
 * kafkajs does not retry TxnOffsetCommit on NOT_COORDINATOR or COORDINATOR_NOT_AVAILABLE, which a
 * fresh Kafka answers while it loads the group's offsets partition: wait until the group's
 * coordinator answers first.
 */
async function warmGroupCoordinator(admin: Admin, groupId: string, topic: string): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      await admin.fetchOffsets({ groupId, topics: [topic] });
      return;
    } catch (e) {
      if (i >= 20) throw e;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

async function createTopic(admin: Admin, topic: string, numPartitions: number): Promise<void> {
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions, replicationFactor: 1 }] });
}

describe.skipIf(!hasJava).each(targets)('transactions on $name', (target) => {
  let admin: Admin;
  let run = '';
  beforeAll(async () => {
    run = randomUUID().slice(0, 8);
    admin = client(target.bootstrap()).admin();
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.disconnect();
  });

  it('kafkajs: committed records and offsets become visible, aborted ones never do', async () => {
    const topic = `txn-kjs-${run}`;
    await createTopic(admin, topic, 2);
    await warmGroupCoordinator(admin, `g-${run}`, topic);
    const producer = client(target.bootstrap()).producer({
      transactionalId: `kjs-${run}`,
      maxInFlightRequests: 1,
      idempotent: true,
    });
    await producer.connect();
    let tx = await producer.transaction();
    await tx.send({
      topic,
      messages: [
        { value: 'c1', partition: 0 },
        { value: 'c2', partition: 1 },
      ],
    });
    await tx.commit();
    tx = await producer.transaction();
    await tx.send({
      topic,
      messages: [
        { value: 'a1', partition: 0 },
        { value: 'a2', partition: 1 },
      ],
    });
    await tx.sendOffsets({
      consumerGroupId: `g-${run}`,
      topics: [{ topic, partitions: [{ partition: 0, offset: '99' }] }],
    });
    await tx.abort();
    tx = await producer.transaction();
    await tx.send({ topic, messages: [{ value: 'c3', partition: 0 }] });
    await tx.sendOffsets({
      consumerGroupId: `g-${run}`,
      topics: [{ topic, partitions: [{ partition: 0, offset: '2' }] }],
    });
    await tx.commit();
    await producer.disconnect();

    expect((await consoleRead(target.bootstrap(), topic, 'read_committed', 3)).sort()).toEqual(['c1', 'c2', 'c3']);
    expect((await consoleRead(target.bootstrap(), topic, 'read_uncommitted', 5)).sort()).toEqual([
      'a1',
      'a2',
      'c1',
      'c2',
      'c3',
    ]);
    const [offsets] = await admin.fetchOffsets({ groupId: `g-${run}`, topics: [topic] });
    expect(offsets.partitions.find((p) => p.partition === 0)?.offset).toBe('2');
  });

  it('kafkajs: a second producer with the same transactional id fences the first and aborts its transaction', async () => {
    const topic = `txn-fence-${run}`;
    await createTopic(admin, topic, 1);
    const id = `fence-${run}`;
    const zombie = client(target.bootstrap()).producer({
      transactionalId: id,
      maxInFlightRequests: 1,
      idempotent: true,
    });
    await zombie.connect();
    const ztx = await zombie.transaction();
    await ztx.send({ topic, messages: [{ value: 'zombie' }] });

    const fresh = client(target.bootstrap()).producer({
      transactionalId: id,
      maxInFlightRequests: 1,
      idempotent: true,
    });
    await fresh.connect();
    // kafkajs initializes the transactional id on its first transaction: this fences the zombie.
    const tx = await fresh.transaction();
    const err = await ztx.commit().then(
      () => null,
      (e: { type?: string }) => e.type ?? String(e),
    );
    expect(['INVALID_PRODUCER_EPOCH', 'PRODUCER_FENCED']).toContain(err);
    await tx.send({ topic, messages: [{ value: 'fresh' }] });
    await tx.commit();
    await Promise.all([zombie.disconnect(), fresh.disconnect()]);
    expect(await consoleRead(target.bootstrap(), topic, 'read_committed', 1)).toEqual(['fresh']);
  });

  it('kafkajs: a transaction left open past its timeout is aborted, and its producer fenced', async () => {
    const topic = `txn-timeout-${run}`;
    await createTopic(admin, topic, 1);
    const k = client(target.bootstrap());
    const slow = k.producer({
      transactionalId: `slow-${run}`,
      maxInFlightRequests: 1,
      idempotent: true,
      transactionTimeout: 2000,
    });
    await slow.connect();
    const tx = await slow.transaction();
    await tx.send({ topic, messages: [{ value: 'expired' }] }); // offset 0
    const plain = k.producer();
    await plain.connect();
    await plain.send({ topic, messages: [{ value: 'later' }] }); // offset 1
    await plain.disconnect();
    // kafkajs's admin lists offsets read_committed: "high" is the last stable offset.
    const lso = async () => (await admin.fetchTopicOffsets(topic))[0].high;
    expect(await lso()).toBe('0');
    // Kafka checks for expired transactions every 10 s (transaction.abort.timed.out.transaction.cleanup.interval.ms).
    const deadline = Date.now() + 30_000;
    while ((await lso()) !== '3' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
    expect(await lso()).toBe('3'); // the abort marker sits at 2
    const err = await tx.commit().then(
      () => null,
      (e: { type?: string }) => e.type ?? String(e),
    );
    expect(['INVALID_PRODUCER_EPOCH', 'PRODUCER_FENCED']).toContain(err);
    await slow.disconnect();
    expect(await consoleRead(target.bootstrap(), topic, 'read_committed', 1)).toEqual(['later']);
  });

  it('TransactionalMessageCopier (group mode, group metadata) copies exactly once through random aborts', async () => {
    const input = `copier-in-${run}`;
    const output = `copier-out-${run}`;
    const count = 600;
    await createTopic(admin, input, 1);
    await createTopic(admin, output, 1);
    const p = client(target.bootstrap()).producer();
    await p.connect();
    await p.send({
      topic: input,
      messages: Array.from({ length: count }, (_, i) => ({ key: `k${i}`, value: `v${i}` })),
    });
    await p.disconnect();

    const r = await runKafkaTool(
      Tools.transactionalCopier,
      [
        ...['--broker-list', target.bootstrap(), '--input-topic', input, '--input-partition', '0'],
        ...['--output-topic', output, '--transactional-id', `copier-${run}`, '--consumer-group', `copier-g-${run}`],
        ...['--max-messages', String(count), '--transaction-size', '50', '--enable-random-aborts'],
        // As Kafka Streams' exactly-once v2: a group member whose offsets carry its member id and generation.
        ...['--group-mode', '--use-group-metadata'],
      ],
      { timeoutMs: 90_000 },
    );
    assertToolOk(r, 'TransactionalMessageCopier');
    const last = jsonLines(r.stdout).at(-1);
    expect(last).toMatchObject({ remaining: 0 });

    const copied = await consoleRead(target.bootstrap(), output, 'read_committed', count);
    expect(copied.length).toBe(count);
    expect(new Set(copied)).toEqual(new Set(Array.from({ length: count }, (_, i) => `v${i}`)));
    const [offsets] = await admin.fetchOffsets({ groupId: `copier-g-${run}`, topics: [input] });
    expect(offsets.partitions[0].offset).toBe(String(count));
  });

  it('kafka-transactions lists, describes and aborts a hanging transaction', async () => {
    const topic = `txn-hang-${run}`;
    await createTopic(admin, topic, 1);
    const id = `hanging-${run}`;
    const k = client(target.bootstrap());
    const plain = k.producer();
    await plain.connect();
    await plain.send({ topic, messages: [{ value: 'before' }] });
    const hanging = k.producer({
      transactionalId: id,
      maxInFlightRequests: 1,
      idempotent: true,
      transactionTimeout: 300_000,
    });
    await hanging.connect();
    const htx = await hanging.transaction();
    await htx.send({ topic, messages: [{ value: 'never-committed' }] });
    await plain.send({ topic, messages: [{ value: 'after' }] });
    // The open transaction holds the LSO at its first record: 'after' is not visible yet.
    expect(await consoleRead(target.bootstrap(), topic, 'read_committed', 2)).toEqual(['before']);

    const tx = async (...args: string[]) => {
      const r = await runKafkaTool(Tools.transactions, ['--bootstrap-server', target.bootstrap(), ...args]);
      assertToolOk(r, `kafka-transactions ${args[0]}`);
      return r.stdout;
    };
    expect(await tx('list')).toMatch(new RegExp(`${id}\\s+\\d+\\s+\\d+\\s+Ongoing`));
    const described = await tx('describe', '--transactional-id', id);
    expect(described).toMatch(new RegExp(`${id}\\s+\\d+\\s+\\d+\\s+Ongoing\\s+300000`));
    expect(described).toContain(`${topic}-0`);
    const producers = await tx('describe-producers', '--topic', topic, '--partition', '0');
    // ProducerId ProducerEpoch LatestCoordinatorEpoch LastSequence LastTimestamp CurrentTransactionStartOffset
    expect(producers).toMatch(/\s1\s*$/m);

    await tx('abort', '--topic', topic, '--partition', '0', '--start-offset', '1');
    // find-hanging walks every partition of the cluster (internal ones included) with DescribeProducers.
    expect(await tx('find-hanging', '--broker-id', '1')).toMatch(/^Topic\s+Partition\s+ProducerId/m);
    expect(await consoleRead(target.bootstrap(), topic, 'read_committed', 2)).toEqual(['before', 'after']);
    await plain.disconnect();
    await hanging.disconnect();
  });
});
