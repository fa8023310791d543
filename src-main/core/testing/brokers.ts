/**
 * The two brokers every messages and produce integration test runs against: the bundled sandbox
 * (in this process, fresh data folder) and Apache Kafka 4.1 (the run's shared broker).
 */
import type { BrokerOptions } from '../../broker/broker.js';
import { startTestBroker } from '../../broker/testing/test-broker.js';
import type { StartKafkaOptions } from '../../../test-support/kafka/kafka-fixture.js';
import { startHarness, type Harness } from './harness.js';

export type BrokerKind = 'sandbox' | 'kafka';
export const BROKER_KINDS: BrokerKind[] = ['sandbox', 'kafka'];

/** Options for a dedicated broker (e.g. a fast log cleaner); without them Kafka is the run's shared one. */
export async function startHarnessOn(
  kind: BrokerKind,
  opts: { kafka?: StartKafkaOptions; sandbox?: Partial<BrokerOptions> } = {},
): Promise<Harness> {
  if (kind === 'kafka') return startHarness(opts.kafka ? { kafka: opts.kafka } : {});
  const broker = await startTestBroker(opts.sandbox);
  const h = await startHarness({ bootstrap: broker.bootstrap });
  return {
    ...h,
    async close() {
      await h.close();
      await broker.dispose();
    },
  };
}
