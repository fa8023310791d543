import type { Cluster } from 'kafkajs';
import type { ValidParamsOf } from '../../contract/methods.js';
import type { KeyMovePreview } from '../../contract/topics.js';
import { newestMessages } from '../messages/browse.js';
import { requireGrowth } from './add-partitions.js';
import { analyseKeyMoves, type SampledRecord } from './key-moves.js';
import { requireTopic } from './require-topic.js';

export async function keyMovePreview(
  cluster: Cluster,
  p: ValidParamsOf<'topics.keyMovePreview'>,
): Promise<KeyMovePreview> {
  const t = await requireTopic(cluster, p.topic);
  const current = requireGrowth(t, p.totalCount);
  const { messages } = await newestMessages(cluster, {
    clusterId: p.clusterId,
    topic: p.topic,
    limit: p.sample,
    partition: null,
  });
  const records: SampledRecord[] = messages
    // A key cut short for transport cannot be hashed; it is not counted.
    .filter((m) => !m.key?.truncated)
    .map((m) => ({ partition: m.partition, key: m.key ? Buffer.from(m.key.base64, 'base64') : null }));
  return analyseKeyMoves(records, current, p.totalCount);
}
