/**
 * Differential test: the same sequence of operations (create, produce keyed, consume in a group,
 * commit, reset, delete records, alter configs, a KIP-848 consumer group, the internal offsets
 * topic, DescribeTopicPartitions) against Apache Kafka 4.1 and against the sandbox; what a client
 * observes must be the same. Transactional produce joins the sequence with the transactions work.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kafkaSingleton } from '../../../test-support/kafka/kafka-singleton.js';
import { observe, type Names } from '../testing/differential.js';
import { startTestBroker, type TestBroker } from '../testing/test-broker.js';

let sandbox: TestBroker;
let kafkaBootstrap: string;

beforeAll(async () => {
  kafkaBootstrap = (await kafkaSingleton()).bootstrap;
  // As the test Kafka is set up: no auto-creation, so a typo cannot create a topic on one side only.
  sandbox = await startTestBroker({ autoCreateTopics: false });
});

afterAll(async () => {
  await sandbox?.dispose();
});

describe('Apache Kafka 4.1 and the sandbox, side by side', () => {
  it('show a client the same thing for the same operations', async () => {
    const suffix = `${process.pid}-${Date.now().toString(36)}`;
    const names: Names = {
      topic: `diff-${suffix}`,
      classicGroup: `diff-classic-${suffix}`,
      consumerGroup: `diff-848-${suffix}`,
    };
    const onKafka = await observe(kafkaBootstrap, names);
    const onSandbox = await observe(sandbox.bootstrap, names);
    // Names are the same on both sides, so the whole observation compares at once (the diff shows where).
    expect(onSandbox).toEqual(onKafka);
  });
});
