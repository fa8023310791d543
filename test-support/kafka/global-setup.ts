/**
 * vitest globalSetup: starts one Apache Kafka for the whole run and provides its bootstrap
 * address to every test file (read it with `kafkaSingleton()` or `inject('kafkaBootstrap')`).
 * Add to a project: `globalSetup: ['test-support/kafka/global-setup.ts']`.
 */
import type { TestProject } from 'vitest/node';
import { startKafka, type KafkaHandle } from './kafka-fixture.js';

let handle: KafkaHandle | null = null;

export async function setup(project: TestProject): Promise<void> {
  const external = process.env.SAMSA_KAFKA_BOOTSTRAP;
  if (external) {
    project.provide('kafkaBootstrap', external);
    return;
  }
  handle = await startKafka();
  project.provide('kafkaBootstrap', handle.bootstrap);
}

export async function teardown(): Promise<void> {
  await handle?.stop();
  handle = null;
}
