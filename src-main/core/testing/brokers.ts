/**
 * The two brokers every messages and produce integration test runs against: the bundled sandbox
 * (in this process, fresh data folder) and Apache Kafka 4.1 (the run's shared broker).
 */
import { startTestBroker } from '../../broker/server/test-broker.js';
import { startHarness, type Harness } from './harness.js';

export type BrokerKind = 'sandbox' | 'kafka';
export const BROKER_KINDS: BrokerKind[] = ['sandbox', 'kafka'];

export async function startHarnessOn(kind: BrokerKind): Promise<Harness> {
  if (kind === 'kafka') return startHarness();
  const broker = await startTestBroker();
  const h = await startHarness({ bootstrap: broker.bootstrap });
  return {
    ...h,
    async close() {
      await h.close();
      await broker.dispose();
    },
  };
}
