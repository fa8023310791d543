import { performance } from 'node:perf_hooks';
import kafkajs, { type Admin } from 'kafkajs';
import { AppError } from '../../contract/errors.js';
import type { ConnectionTestResult } from '../../contract/connections.js';
import { errorChain, mapKafkaError } from '../errors/map-kafka-error.js';
import type { ConnectionSettings } from '../profiles/profile-store.js';
import { withDeadline } from '../util/deadline.js';
import type { CoreLogger } from '../util/logger.js';
import { ANSWER_DEADLINE_MS, clientRetry, kafkaConfig, securityOf } from './kafka-config.js';

const { Kafka } = kafkajs;

/**
 * A topic name nobody uses. Kafka answers a metadata request for a topic that does not exist
 * with UNKNOWN_TOPIC_OR_PARTITION when this user may describe it, and with
 * TOPIC_AUTHORIZATION_FAILED when an authorizer denies it (Kafka hides whether it exists).
 * The admin client never asks for auto-creation, so this creates nothing.
 */
export const ACCESS_PROBE_TOPIC = '__samsa_access_check';

/**
 * Signed in but seeing no topic is either an empty cluster or a user without any ACL. Only the
 * second is a problem, and the probe tells them apart.
 */
async function checkCanSeeTopics(admin: Admin, settings: ConnectionSettings): Promise<void> {
  try {
    await admin.fetchTopicMetadata({ topics: [ACCESS_PROBE_TOPIC] });
  } catch (e) {
    if (!errorChain(e).some((c) => c.type === 'TOPIC_AUTHORIZATION_FAILED')) return;
    const clientCert = settings.tls && Boolean(settings.tlsOptions?.clientCertPem);
    const who = settings.sasl
      ? `Signed in as "${settings.sasl.username}", but this user`
      : clientCert
        ? 'Signed in with your client certificate, but its user'
        : 'Connected without signing in (as ANONYMOUS), and this connection';
    throw new AppError(
      'NOT_AUTHORIZED',
      `${who} is not allowed to see any topic on this cluster. Ask the cluster's administrator for ACLs on the topics you need (Describe to see them, Read to browse, Write to produce).`,
      { detail: `Metadata for ${ACCESS_PROBE_TOPIC}: TOPIC_AUTHORIZATION_FAILED` },
    );
  }
}

/** Tries settings that may not be saved: a throwaway client, a few metadata round trips, then gone. */
export async function testConnection(settings: ConnectionSettings, logger?: CoreLogger): Promise<ConnectionTestResult> {
  const brokers = settings.bootstrapServers;
  const admin = new Kafka(kafkaConfig(settings, logger, 'samsa-connection-test')).admin({ retry: clientRetry });
  const work = (async () => {
    await admin.connect();
    const t0 = performance.now();
    const d = await admin.describeCluster();
    const latencyMs = Math.max(0, Math.round(performance.now() - t0));
    const topics = await admin.listTopics();
    if (topics.length === 0) await checkCanSeeTopics(admin, settings);
    return {
      clusterId: d.clusterId || null,
      brokerCount: d.brokers.length,
      controllerId: d.controller,
      latencyMs,
      topicCount: topics.length,
    };
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
    throw mapKafkaError(e, { brokers, security: securityOf(settings), connecting: true });
  }
}
