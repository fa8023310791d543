/**
 * Consumer groups and lag end to end, on the sandbox broker and on Apache Kafka 4.1: a real
 * kafkajs group consumes, stops and resumes while the sampler watches; offset resets are checked
 * with Kafka's own kafka-consumer-groups; a KIP-848 group made by the Java console consumer shows
 * its type, members and assignment (Kafka only: the sandbox speaks the classic protocol).
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import kafkajs, { type Consumer, type Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroupDetail } from '../../contract/groups.js';
import { startTestBroker, type TestBroker } from '../../broker/testing/test-broker.js';
import { resolveBrokerLaunch } from '../../runtime/broker-launch.js';
import { assertToolOk, runKafkaTool, Tools } from '../../../test-support/kafka/kafka-tools.js';
import { createCore, type Core } from '../index.js';
import { appError, RecordingEvents, startHarness, uniqueTopic, type Harness } from '../testing/harness.js';
import { follow, toolTable } from './testing/follow.js';

const { Kafka: KafkaClient, logLevel } = kafkajs;
const hasJava = spawnSync('java', ['-version']).status === 0;

interface Target {
  bootstrap: string;
  core: Core;
  clusterId: string;
  kafka: Kafka;
  close(): Promise<void>;
}

async function sandboxTarget(): Promise<Target> {
  const broker: TestBroker = await startTestBroker();
  const dir = await mkdtemp(join(tmpdir(), 'samsa-groups-int-'));
  const core = createCore({
    dataDir: dir,
    events: new RecordingEvents(),
    sandboxLaunch: resolveBrokerLaunch(),
    mode: 'browser',
    version: 'test',
  });
  const { id } = await core['connections.create']({
    name: 'sandbox',
    bootstrapServers: [broker.bootstrap],
    tls: false,
    sasl: null,
  });
  return {
    bootstrap: broker.bootstrap,
    core,
    clusterId: id,
    kafka: new KafkaClient({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING }),
    async close() {
      await core.close();
      await broker.dispose();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function kafkaTarget(): Promise<Target> {
  const h: Harness = await startHarness();
  const clusterId = await h.connect();
  return {
    bootstrap: h.bootstrap,
    core: h.core,
    clusterId,
    kafka: new KafkaClient({ brokers: [h.bootstrap], logLevel: logLevel.NOTHING }),
    close: () => h.close(),
  };
}

describe.each([
  ['the sandbox broker', sandboxTarget],
  ['Apache Kafka 4.1', kafkaTarget],
] as const)('consumer groups and lag on %s', (_name, start) => {
  let t: Target;
  const topic = uniqueTopic('lag');
  const group = `${topic}-group`;

  beforeAll(async () => {
    t = await start();
    await t.core['lag.updateSettings']({ sampleIntervalSeconds: 1 });
    const admin = t.kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
    await admin.disconnect();
  });
  afterAll(async () => {
    await t?.close();
  });

  async function produce(n: number, to = topic, timestamp?: (i: number) => number) {
    const p = t.kafka.producer();
    await p.connect();
    await p.send({
      topic: to,
      messages: Array.from({ length: n }, (_, i) => ({
        key: `k${i}`,
        value: `v${i}`,
        timestamp: timestamp ? String(timestamp(i)) : undefined,
      })),
    });
    await p.disconnect();
  }

  async function consume(groupId: string): Promise<Consumer> {
    const c = t.kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 500 });
    await c.connect();
    await c.subscribe({ topic, fromBeginning: true });
    await c.run({ eachMessage: async () => undefined });
    return c;
  }

  const describeWithTool = async (groupId: string) => {
    const r = await runKafkaTool(
      Tools.consumerGroups,
      ['--bootstrap-server', t.bootstrap, '--describe', '--group', groupId],
      {
        timeoutMs: 60_000,
      },
    );
    assertToolOk(r, 'kafka-consumer-groups --describe');
    return toolTable(r.stdout, 'GROUP');
  };

  it('a group that stops lags in the history, is judged STOP, and returns to OK when it resumes', async () => {
    await produce(30);
    let consumer = await consume(group);
    const detail = follow(t.core['groups.detail'], { clusterId: t.clusterId, groupId: group });
    try {
      const after = Date.now();
      const caughtUp = await detail.waitFor(
        (d) => d.totalLag === 0 && d.members.length === 1 && d.topics[0]?.committedSum === 30,
        60_000,
        'the group caught up',
      );
      expect(caughtUp).toMatchObject({ type: 'classic', protocolType: 'consumer', health: { level: 'OK' } });
      expect(caughtUp.members[0]!.assignment).toEqual([{ topic, partitions: [0, 1, 2] }]);
      const started = Date.now();

      await consumer.disconnect();
      await produce(60);
      const lagging = await detail.waitFor((d) => d.totalLag === 60 && d.members.length === 0, 30_000, 'lag of 60');
      void after;
      expect(lagging.state).toBe('Empty');
      const stopped = await detail.waitFor((d) => d.health.status === 'STOP', 30_000, 'status STOP');
      expect(stopped.health.level).toBe('ERROR');
      expect(stopped.health.reason).toMatch(/no member consumes the partition/);

      consumer = await consume(group);
      const resumed = await detail.waitFor((d) => d.totalLag === 0 && d.members.length === 1, 60_000, 'lag drained');
      expect(resumed.health).toMatchObject({ level: 'OK', status: 'OK' });
      await consumer.disconnect();

      const history = await t.core['lag.history']({
        clusterId: t.clusterId,
        groupId: group,
        from: started - 60_000,
        level: 'group',
        maxPoints: 1500,
      });
      const lag = history.series[0]!.lag.filter((v): v is number => v !== null);
      // Zero while consuming, 60 while stopped, back to zero: lag rose and drained in the history.
      expect(lag[0]).toBe(0);
      expect(Math.max(...lag)).toBe(60);
      expect(lag.at(-1)).toBe(0);
      expect(history.events.map((e) => e.kind)).toEqual(expect.arrayContaining(['member-left', 'member-joined']));
      const perTopic = await t.core['lag.history']({
        clusterId: t.clusterId,
        groupId: group,
        from: started - 60_000,
        level: 'partition',
        maxPoints: 1500,
      });
      expect(perTopic.series.map((s) => s.label)).toEqual([`${topic}[0]`, `${topic}[1]`, `${topic}[2]`]);
    } finally {
      await detail.stop();
    }
  });

  it('lists the group with its lag and shows it in the topic view', async () => {
    const list = follow(t.core['groups.list'], { clusterId: t.clusterId });
    const forTopic = follow(t.core['groups.forTopic'], { clusterId: t.clusterId, topic });
    try {
      const u = await list.waitFor((x) => x.lagKnown && x.groups.some((g) => g.groupId === group), 30_000, 'the list');
      expect(u.groups.find((g) => g.groupId === group)).toMatchObject({
        type: 'classic',
        totalLag: 0,
        topics: [topic],
      });
      const readers = await forTopic.waitFor((x) => x.groups.length > 0, 30_000, 'readers of the topic');
      expect(readers.groups).toEqual([expect.objectContaining({ groupId: group, lag: 0, partitionsWithCommit: 3 })]);
    } finally {
      await list.stop();
      await forTopic.stop();
    }
  });

  describe.skipIf(!hasJava)('offset reset, checked with kafka-consumer-groups', () => {
    const timed = uniqueTopic('reset');
    const resetGroup = `${timed}-group`;
    const T0 = Date.now() - 3_600_000;

    beforeAll(async () => {
      const admin = t.kafka.admin();
      await admin.connect();
      await admin.createTopics({ topics: [{ topic: timed, numPartitions: 1 }], waitForLeaders: true });
      await admin.disconnect();
      await produce(10, timed, (i) => T0 + i * 1000);
    });

    const reset = (mode: Parameters<Core['groups.resetApply']>[0]['mode'], apply: boolean) =>
      t.core[apply ? 'groups.resetApply' : 'groups.resetPreview']({
        clusterId: t.clusterId,
        groupId: resetGroup,
        scope: { kind: 'topic', topic: timed },
        mode,
      });

    it('previews, then applies earliest, latest, a date-time and a shift; the Kafka tool agrees', async () => {
      const preview = await reset({ kind: 'latest' }, false);
      expect(preview).toMatchObject({ applied: false, activeMembers: [], lagAfter: 0 });
      expect(preview.rows).toEqual([
        {
          topic: timed,
          partition: 0,
          current: null,
          target: '10',
          logStart: '0',
          logEnd: '10',
          lagAfter: '0',
          note: null,
        },
      ]);
      // A preview changes nothing.
      expect((await describeWithTool(resetGroup)).filter((r) => r.TOPIC === timed)).toEqual([]);

      const cases: [Parameters<typeof reset>[0], string][] = [
        [{ kind: 'earliest' }, '0'],
        [{ kind: 'latest' }, '10'],
        [{ kind: 'datetime', timestamp: T0 + 5_500 }, '6'],
        [{ kind: 'shift', by: '-3' }, '3'],
      ];
      for (const [mode, expected] of cases) {
        const plan = await reset(mode, true);
        expect(plan.applied).toBe(true);
        expect(plan.rows[0]!.target).toBe(expected);
        const rows = (await describeWithTool(resetGroup)).filter((r) => r.TOPIC === timed);
        expect(rows, JSON.stringify(mode)).toEqual([
          expect.objectContaining({
            PARTITION: '0',
            'CURRENT-OFFSET': expected,
            'LOG-END-OFFSET': '10',
            LAG: String(10 - Number(expected)),
          }),
        ]);
      }
      const clamped = await reset({ kind: 'shift', by: '-50' }, false);
      expect(clamped.rows[0]).toMatchObject({ target: '0', note: '-47 is before the log start; clamped to 0.' });
    });

    it('refuses a reset while a member is active, and names it', async () => {
      const c = t.kafka.consumer({ groupId: resetGroup, sessionTimeout: 10_000, heartbeatInterval: 500 });
      await c.connect();
      await c.subscribe({ topic: timed });
      await c.run({ eachMessage: async () => undefined });
      try {
        const detail = follow(t.core['groups.detail'], { clusterId: t.clusterId, groupId: resetGroup });
        await detail.waitFor((d: GroupDetail) => d.members.length === 1, 30_000, 'the member');
        await detail.stop();
        const err = await appError(() => reset({ kind: 'earliest' }, true));
        expect(err.code).toBe('VALIDATION');
        expect(err.message).toMatch(
          new RegExp(
            `^Group "${resetGroup}" has 1 active member \\(kafkajs on [^)]+\\)\\. Offsets can be reset only while no consumer of the group runs`,
          ),
        );
        expect((await reset({ kind: 'earliest' }, false)).activeMembers).toHaveLength(1);
      } finally {
        await c.disconnect();
      }
    });
  });

  it('deletes a group’s offsets for a topic, then the group, and says why when it cannot', async () => {
    const g = `${topic}-delete`;
    const plan = await t.core['groups.resetApply']({
      clusterId: t.clusterId,
      groupId: g,
      scope: { kind: 'topic', topic },
      mode: { kind: 'latest' },
    });
    expect(plan.rows).toHaveLength(3);
    const res = await t.core['groups.deleteOffsets']({ clusterId: t.clusterId, groupId: g, topic });
    expect(res.partitions).toEqual([0, 1, 2]);
    const again = await appError(() => t.core['groups.deleteOffsets']({ clusterId: t.clusterId, groupId: g, topic }));
    expect(again).toMatchObject({
      code: 'NOT_FOUND',
      message: `Group "${g}" has no committed offsets for topic "${topic}".`,
    });
    await t.core['groups.resetApply']({
      clusterId: t.clusterId,
      groupId: g,
      scope: { kind: 'topic', topic },
      mode: { kind: 'latest' },
    });
    expect(await t.core['groups.delete']({ clusterId: t.clusterId, groupId: g })).toEqual({ deleted: true });
    const gone = await appError(() => t.core['groups.delete']({ clusterId: t.clusterId, groupId: g }));
    expect(gone).toMatchObject({ code: 'NOT_FOUND', message: `Consumer group "${g}" was not found on this cluster.` });
  });
});

describe.skipIf(!hasJava)('a KIP-848 consumer group on Apache Kafka 4.1', () => {
  let t: Target;
  beforeAll(async () => {
    t = await kafkaTarget();
    await t.core['lag.updateSettings']({ sampleIntervalSeconds: 1 });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the Java console consumer with group.protocol=consumer shows as type consumer, with its member and assignment', async () => {
    const topic = uniqueTopic('kip848');
    const groupId = `${topic}-group`;
    const admin = t.kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
    await admin.disconnect();
    const p = t.kafka.producer();
    await p.connect();
    await p.send({ topic, messages: Array.from({ length: 20 }, (_, i) => ({ value: `m${i}` })) });
    await p.disconnect();

    let kill: () => void = () => undefined;
    const consumer = runKafkaTool(
      Tools.consoleConsumer,
      [
        '--bootstrap-server',
        t.bootstrap,
        '--topic',
        topic,
        '--group',
        groupId,
        '--from-beginning',
        '--consumer-property',
        'group.protocol=consumer',
        '--consumer-property',
        'client.id=kip848-console',
      ],
      { timeoutMs: 90_000, onLine: (_l, k) => (kill = k) },
    );
    // The JVM takes a few seconds to join: wait for the group to be listed before opening it.
    const list = follow(t.core['groups.list'], { clusterId: t.clusterId });
    await list.waitFor((u) => u.groups.some((g) => g.groupId === groupId), 60_000, 'the group listed');
    await list.stop();
    const detail = follow(t.core['groups.detail'], { clusterId: t.clusterId, groupId });
    try {
      const d = await detail.waitFor(
        (x) =>
          x.type === 'consumer' && x.members.length === 1 && x.members[0]!.assignment.length === 1 && x.totalLag === 0,
        60_000,
        'the consumer group with its member',
      );
      expect(d).toMatchObject({ protocolType: 'consumer', state: 'Stable', health: { level: 'OK' } });
      expect(d.assignor).toMatch(/uniform|range/);
      expect(d.epoch).toBeGreaterThan(0);
      expect(d.members[0]).toMatchObject({ clientId: 'kip848-console', assignment: [{ topic, partitions: [0, 1] }] });
      const list = follow(t.core['groups.list'], { clusterId: t.clusterId });
      const row = await list.waitFor((u) => u.groups.some((g) => g.groupId === groupId && g.memberCount === 1), 30_000);
      expect(row.groups.find((g) => g.groupId === groupId)).toMatchObject({ type: 'consumer', totalLag: 0 });
      await list.stop();
    } finally {
      await detail.stop();
      kill();
      await consumer;
    }
  });
});
