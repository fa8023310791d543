import { AppError } from '../../contract/errors.js';
import type { TopicMetadata } from '../cluster/metadata.js';

/** What each of Kafka's own topics holds, for the sentence that says why Samsa will not touch it. */
const HOLDS: Record<string, string> = {
  __consumer_offsets: 'the committed offsets of every consumer group',
  __transaction_state: 'the state of every transaction',
  __share_group_state: 'the state of every share group',
  __cluster_metadata: "the cluster's own metadata log",
};

/**
 * Kafka's internal topics, and by convention any name starting with "__": Samsa hides them by
 * default and never deletes or purges them.
 */
export function isProtectedTopic(name: string, isInternal: boolean): boolean {
  return isInternal || name.startsWith('__');
}

export function refuseProtected(t: TopicMetadata, action: 'delete' | 'purge'): void {
  if (!isProtectedTopic(t.topic, t.isInternal)) return;
  const holds = HOLDS[t.topic];
  const what = action === 'delete' ? 'delete' : 'delete records of';
  throw new AppError(
    'VALIDATION',
    `"${t.topic}" is an internal topic${holds ? ` that holds ${holds}` : ''}; Samsa does not ${what} internal topics. Use Kafka's own tools if you really must.`,
  );
}
