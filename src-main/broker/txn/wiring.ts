/** Builds the broker's transaction coordinator on its data directory, the topics and the group coordinator. */
import path from 'node:path';
import type { Logger } from '../apis/context.js';
import type { GroupCoordinator } from '../group/index.js';
import type { BrokerMeta } from '../server/data-dir.js';
import type { TopicManager } from '../topics/topic-manager.js';
import { TransactionCoordinator } from './coordinator.js';
import type { PendingOffset } from './state.js';

/** Pending offsets in the shape OffsetCommit uses, grouped by topic. */
export function offsetsByTopic(offsets: PendingOffset[]) {
  const byTopic = new Map<
    string,
    { partitionIndex: number; committedOffset: bigint; committedLeaderEpoch: number; committedMetadata: string }[]
  >();
  for (const [topic, partitionIndex, offset, committedLeaderEpoch, committedMetadata] of offsets) {
    let list = byTopic.get(topic);
    if (!list) byTopic.set(topic, (list = []));
    list.push({ partitionIndex, committedOffset: BigInt(offset), committedLeaderEpoch, committedMetadata });
  }
  return [...byTopic].map(([name, partitions]) => ({ name, partitions }));
}

export function createTransactionCoordinator(
  dataDir: string,
  meta: BrokerMeta,
  topics: TopicManager,
  groups: GroupCoordinator,
  log: Logger,
): TransactionCoordinator {
  return new TransactionCoordinator({
    dataDir: path.join(dataDir, 'transactions'),
    allocateProducerId: () => meta.allocateProducerId(),
    log,
    targets: {
      writeMarker(topic, partition, marker) {
        const p = topics.partition(topic, partition);
        if (!p) return false; // deleted since it joined the transaction: nothing left to mark
        p.log.appendMarker(marker);
        // The LSO may have moved: read_committed fetches waiting on this partition read again.
        p.signal.notify();
        return true;
      },
      commitOffsets: (groupId, offsets) => groups.commitTxnOffsets(groupId, offsetsByTopic(offsets)),
    },
  });
}
