/**
 * Kafka's internal topics as the sandbox shows them. Kafka marks a topic internal by its name
 * (org.apache.kafka.common.internals.Topic.isInternal) everywhere a client sees it, creates it with
 * a fixed layout on first use (a coordinator lookup, or a Metadata request that may auto-create),
 * and refuses appends and record deletions from ordinary clients.
 *
 * In the sandbox these are real, empty topics: the coordinators keep their state in their own
 * files (group/persistence.ts), so every API (Metadata, ListOffsets, Fetch, DescribeConfigs,
 * DescribeTopicPartitions) sees the same partitions without special cases. A coordinator that
 * needs its topic adds its spec here and calls TopicManager.ensureInternal on its lookup
 * (FindCoordinator does, for groups and for transactional ids).
 */
export interface InternalTopicSpec {
  readonly name: string;
  /** offsets.topic.num.partitions (Kafka's default 50). */
  readonly partitions: number;
  /** The topic-level overrides Kafka creates the topic with (shown as TOPIC_CONFIG). */
  readonly configs: Readonly<Record<string, string>>;
}

export const CONSUMER_OFFSETS: InternalTopicSpec = {
  name: '__consumer_offsets',
  partitions: 50,
  configs: { 'cleanup.policy': 'compact', 'compression.type': 'producer', 'segment.bytes': '104857600' },
};

/** Created on the first transaction-coordinator lookup (transaction.state.log.num.partitions 50). */
export const TRANSACTION_STATE: InternalTopicSpec = {
  name: '__transaction_state',
  partitions: 50,
  configs: { 'cleanup.policy': 'compact', 'compression.type': 'uncompressed', 'segment.bytes': '104857600' },
};

const SPECS: ReadonlyMap<string, InternalTopicSpec> = new Map([
  [CONSUMER_OFFSETS.name, CONSUMER_OFFSETS],
  [TRANSACTION_STATE.name, TRANSACTION_STATE],
]);

/** Kafka's internal topic names; `__share_group_state` is internal in Kafka 4 even where it is never created. */
const INTERNAL_NAMES: ReadonlySet<string> = new Set([...SPECS.keys(), '__share_group_state']);

export function isInternalTopic(name: string | null | undefined): boolean {
  return name != null && INTERNAL_NAMES.has(name);
}

/** The layout the broker creates an internal topic with, or undefined for other names. */
export function internalTopicSpec(name: string): InternalTopicSpec | undefined {
  return SPECS.get(name);
}
