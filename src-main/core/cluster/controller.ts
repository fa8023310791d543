import type { Broker, Cluster } from 'kafkajs';
import type { FullMetadata } from './metadata.js';
import { leaderBroker } from './leaders.js';

/**
 * The broker to send cluster-wide admin requests to. With KRaft, Metadata names a live broker as
 * "controller" and that broker forwards to the real controller; any broker would do, this one is
 * simply the one Kafka suggests.
 */
export async function adminBroker(cluster: Cluster, md: FullMetadata): Promise<Broker> {
  const id = md.controllerId ?? md.brokers[0]?.nodeId;
  if (id === undefined) throw new Error('The cluster reported no brokers');
  return leaderBroker(cluster, id);
}
