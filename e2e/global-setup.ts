import type { FullConfig } from '@playwright/test';
import { startKafka } from '../test-support/kafka/kafka-fixture.js';

/** One real Apache Kafka for the whole e2e run; specs read its address from the env. */
export default async function globalSetup(_config: FullConfig) {
  if (process.env.SAMSA_KAFKA_BOOTSTRAP) return;
  const kafka = await startKafka();
  process.env.SAMSA_KAFKA_BOOTSTRAP = kafka.bootstrap;
  return async () => {
    await kafka.stop();
  };
}
