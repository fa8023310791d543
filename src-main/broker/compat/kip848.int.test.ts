/**
 * KIP-848 consumer groups (group.protocol=consumer) with Apache Kafka 4.1's own Java client and
 * tools against the sandbox: the console consumer joins and consumes, kafka-consumer-groups sees a
 * group of type Consumer with its offsets, and VerifiableConsumer members rebalance as members
 * come and go (server-side assignment, no partition owned twice, nothing lost).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertToolOk, javaToolArgs, jsonLines, runKafkaTool, Tools } from '../../../test-support/kafka/kafka-tools.js';
import { repoRoot } from '../../../test-support/kafka/kafka-fixture.js';
import { startTestBroker, type TestBroker } from '../testing/test-broker.js';

const hasJava = spawnSync('java', ['-version']).status === 0;

let broker: TestBroker;
let kafka: Kafka;
const bs = () => ['--bootstrap-server', broker.bootstrap];

async function createTopic(topic: string, numPartitions: number, records: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions }] });
  await admin.disconnect();
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({
    topic,
    messages: Array.from({ length: records }, (_, i) => ({ key: `k${i % 11}`, value: `v${i}` })),
  });
  await producer.disconnect();
}

type Event = Record<string, unknown> & { name: string };

/** A long-running VerifiableConsumer whose JSON events can be awaited, stopped like a service (SIGTERM). */
class Member {
  readonly events: Event[] = [];
  private readonly child: ChildProcess;
  private stderr = '';

  private constructor(child: ChildProcess) {
    this.child = child;
    let partial = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      const lines = (partial + d).split('\n');
      partial = lines.pop() ?? '';
      this.events.push(...(jsonLines(lines.join('\n')) as Event[]));
    });
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (this.stderr = (this.stderr + d).slice(-8000)));
  }

  static async start(topic: string, group: string): Promise<Member> {
    const argv = await javaToolArgs(Tools.verifiableConsumer, [
      ...bs(),
      '--topic',
      topic,
      '--group-id',
      group,
      '--group-protocol',
      'consumer',
      '--reset-policy',
      'earliest',
    ]);
    return new Member(spawn('java', argv, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] }));
  }

  /** The partitions the member owns now, from its assigned/revoked events. */
  owned(): Set<number> {
    const own = new Set<number>();
    for (const e of this.events) {
      const parts = (e.partitions as { partition: number }[] | undefined) ?? [];
      if (e.name === 'partitions_assigned') for (const p of parts) own.add(p.partition);
      if (e.name === 'partitions_revoked') for (const p of parts) own.delete(p.partition);
    }
    return own;
  }

  consumed(): number {
    return this.events.filter((e) => e.name === 'records_consumed').reduce((n, e) => n + (e.count as number), 0);
  }

  async until(what: string, check: () => boolean, timeoutMs = 45_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline || this.child.exitCode !== null)
        throw new Error(`${what} did not happen; events: ${JSON.stringify(this.events.slice(-10))}\n${this.stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** A graceful stop: the consumer leaves the group (heartbeat with epoch -1) on its way out. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    this.child.kill('SIGTERM');
    await new Promise((r) => this.child.once('exit', r));
  }
}

describe.skipIf(!hasJava)('KIP-848 consumer groups with the Java 4.1 client', () => {
  beforeAll(async () => {
    // A short heartbeat interval (Kafka's is 5 s) so rebalances take a second rather than ten.
    broker = await startTestBroker({ groupConsumerHeartbeatIntervalMs: 500 });
    kafka = new Kafka({ clientId: 'kip848-test', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
  });
  afterAll(async () => {
    await broker?.dispose();
  });

  it('the console consumer joins with group.protocol=consumer, reads every record, and the group is a Consumer group', async () => {
    await createTopic('kip848-console', 3, 90);
    const c = await runKafkaTool(
      Tools.consoleConsumer,
      [
        ...bs(),
        '--topic',
        'kip848-console',
        '--group',
        'kip848-console-group',
        '--from-beginning',
        '--max-messages',
        '90',
        '--consumer-property',
        'group.protocol=consumer',
        '--timeout-ms',
        '30000',
      ],
      { timeoutMs: 45_000 },
    );
    assertToolOk(c, 'console consumer (group.protocol=consumer)');
    expect(c.stdout.split('\n').filter(Boolean).sort()).toEqual(Array.from({ length: 90 }, (_, i) => `v${i}`).sort());

    const list = await runKafkaTool(Tools.consumerGroups, [...bs(), '--list', '--type']);
    assertToolOk(list, 'consumer-groups --list --type');
    expect(list.stdout).toMatch(/kip848-console-group\s+Consumer/);
    const state = await runKafkaTool(Tools.consumerGroups, [
      ...bs(),
      '--describe',
      '--group',
      'kip848-console-group',
      '--state',
    ]);
    assertToolOk(state, 'consumer-groups --describe --state');
    expect(state.stdout).toMatch(/kip848-console-group\s+\S+\s+\(1\)\s+uniform\s+Empty\s+0/);
    const offsets = await runKafkaTool(Tools.consumerGroups, [
      ...bs(),
      '--describe',
      '--group',
      'kip848-console-group',
    ]);
    assertToolOk(offsets, 'consumer-groups --describe');
    const lags = [...offsets.stdout.matchAll(/kip848-console\s+(\d)\s+(\d+)\s+(\d+)\s+(\d+)/g)].map((m) => m.slice(1));
    expect(lags).toHaveLength(3);
    expect(lags.reduce((n, [, cur]) => n + Number(cur), 0)).toBe(90);
    for (const [, cur, end, lag] of lags) expect([cur, lag]).toEqual([end, '0']);
  });

  it('two VerifiableConsumers share the partitions, and the survivor takes them all back when one leaves', async () => {
    await createTopic('kip848-rebalance', 6, 600);
    const a = await Member.start('kip848-rebalance', 'kip848-rebalance-group');
    let b: Member | undefined;
    try {
      await a.until('member A owns all 6 partitions', () => a.owned().size === 6);
      await a.until('member A read the 600 records', () => a.consumed() >= 600);
      b = await Member.start('kip848-rebalance', 'kip848-rebalance-group');
      const m = b;
      await m.until(
        'the two members split the partitions',
        () => m.owned().size > 0 && a.owned().size + m.owned().size === 6,
      );
      // Never one partition on both.
      expect([...a.owned()].filter((p) => m.owned().has(p))).toEqual([]);
      expect(a.owned().size).toBe(3);

      const described = await runKafkaTool(Tools.consumerGroups, [
        ...bs(),
        '--describe',
        '--group',
        'kip848-rebalance-group',
        '--members',
        '--verbose',
      ]);
      assertToolOk(described, 'consumer-groups --describe --members --verbose');
      // Two members, each at the group's assignment epoch, with 3 partitions each.
      const rows = [...described.stdout.matchAll(/kip848-rebalance-group\s+\S+\s+\S+\s+\S+\s+(\d+)\s+(\d+)\s/g)];
      expect(rows.map((r) => Number(r[1]))).toEqual([3, 3]);

      await m.stop();
      await a.until('member A owns all 6 partitions again', () => a.owned().size === 6);
      // Offsets were committed on the way: what B read is not read again by A.
      expect(a.consumed() + m.consumed()).toBeGreaterThanOrEqual(600);
      expect(a.events.filter((e) => e.name === 'offsets_committed').every((e) => e.success === true)).toBe(true);
    } finally {
      await b?.stop();
      await a.stop();
    }
  });
});
