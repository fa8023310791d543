import { performance } from 'node:perf_hooks';
import kafkajs from 'kafkajs';
import { AppError } from '../../contract/errors.js';
import type { ConnectionTestResult } from '../../contract/connections.js';
import { mapKafkaError } from '../errors/map-kafka-error.js';
import type { ConnectionSettings } from '../profiles/profile-store.js';
import { withDeadline } from '../util/deadline.js';
import type { CoreLogger } from '../util/logger.js';
import { ANSWER_DEADLINE_MS, clientRetry, kafkaConfig } from './kafka-config.js';

const { Kafka } = kafkajs;

/** Tries settings that may not be saved: a throwaway client, one metadata round trip, then gone. */
export async function testConnection(settings: ConnectionSettings, logger?: CoreLogger): Promise<ConnectionTestResult> {
  const brokers = settings.bootstrapServers;
  const admin = new Kafka(kafkaConfig(settings, logger, 'samsa-connection-test')).admin({ retry: clientRetry });
  const work = (async () => {
    await admin.connect();
    const t0 = performance.now();
    const d = await admin.describeCluster();
    const latencyMs = Math.max(0, Math.round(performance.now() - t0));
    return { clusterId: d.clusterId || null, brokerCount: d.brokers.length, controllerId: d.controller, latencyMs };
  })();
  // Disconnect only after the attempt settles, so a late connect is not left open.
  void work.catch(() => {}).finally(() => admin.disconnect().catch(() => {}));
  try {
    return await withDeadline(
      work,
      ANSWER_DEADLINE_MS,
      () =>
        new AppError(
          'CONNECTION_FAILED',
          `No answer from ${brokers.join(', ')} within ${ANSWER_DEADLINE_MS / 1000} s. Check the bootstrap address and that the cluster is running.`,
        ),
    );
  } catch (e) {
    throw mapKafkaError(e, { brokers });
  }
}
