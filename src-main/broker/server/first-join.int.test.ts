/**
 * A new consumer group's first JoinGroup is answered once the members' clients were told about
 * the topics they subscribe to, so the leader can give a real assignment (issue 13: clients that
 * join before their first Metadata answer got an empty assignment and rebalanced again). Raw
 * requests over two connections of one client, as a real consumer's coordinator and metadata
 * connections.
 */
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKey, ErrorCode } from '../../kafka-protocol/index.js';
import { encodeSubscription } from '../testing/group-harness.js';
import { startTestBroker, type TestBroker } from '../testing/test-broker.js';
import { WireClient } from '../testing/wire-client.js';

let broker: TestBroker;
const clients: WireClient[] = [];

async function connect(): Promise<WireClient> {
  const c = await WireClient.connect(broker.host, broker.port);
  clients.push(c);
  return c;
}

const joinBody = (groupId: string, memberId: string, topics: string[]) => ({
  groupId,
  sessionTimeoutMs: 10_000,
  rebalanceTimeoutMs: 10_000,
  memberId,
  groupInstanceId: null,
  protocolType: 'consumer',
  protocols: [{ name: 'range', metadata: encodeSubscription(topics) }],
  reason: null,
});

/** MEMBER_ID_REQUIRED, then the real join; resolves with the join answer and how long it took. */
async function join(c: WireClient, groupId: string, topics: string[]) {
  const first = await c.request(ApiKey.JoinGroup, 7, joinBody(groupId, '', topics));
  expect(first.errorCode).toBe(ErrorCode.MEMBER_ID_REQUIRED);
  const started = Date.now();
  return c
    .request(ApiKey.JoinGroup, 7, joinBody(groupId, first.memberId, topics))
    .then((r) => ({ r, ms: Date.now() - started }));
}

const metadata = (c: WireClient, topics: string[]) =>
  c.request(ApiKey.Metadata, 9, { topics: topics.map((name) => ({ name })), allowAutoTopicCreation: false });

beforeAll(async () => {
  broker = await startTestBroker();
  const kafka = new Kafka({ clientId: 'creator', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'first-join', numPartitions: 2 }] });
  await admin.disconnect();
});

afterAll(async () => {
  for (const c of clients) c.close();
  await broker?.dispose();
});

describe('the first join of a new group', () => {
  it('waits while the client has not been told about its topic, and goes as soon as it has', async () => {
    const coordinatorConn = await connect();
    const metadataConn = await connect();
    let answered = false;
    const pending = join(coordinatorConn, 'fj-late-metadata', ['first-join']).then((x) => {
      answered = true;
      return x;
    });
    await new Promise((r) => setTimeout(r, 400));
    expect(answered).toBe(false);
    const sent = Date.now();
    const m = await metadata(metadataConn, ['first-join']);
    expect(m.topics[0].partitions).toHaveLength(2);
    const { r } = await pending;
    expect(r).toMatchObject({ errorCode: 0, generationId: 1 });
    expect(Date.now() - sent).toBeLessThan(500);
  });

  it('is answered at once when the client asked for its topic before joining (the usual case)', async () => {
    const c = await connect();
    await metadata(c, ['first-join']);
    const { r, ms } = await join(c, 'fj-metadata-first', ['first-join']);
    expect(r).toMatchObject({ errorCode: 0, generationId: 1 });
    expect(ms).toBeLessThan(500);
  });

  it('gives up waiting after 3 s (Kafka default initial delay) for a client that never asks', async () => {
    const c = await connect();
    const { r, ms } = await join(c, 'fj-never-asks', ['not-asked-about']);
    expect(r).toMatchObject({ errorCode: 0, generationId: 1 });
    expect(ms).toBeGreaterThanOrEqual(2900);
    expect(ms).toBeLessThan(6000);
  });
});
