/** Committed offsets per group, topic and partition (in memory; persistence is separate). */

export interface CommittedOffset {
  offset: bigint;
  /** -1 when the client did not send one. */
  leaderEpoch: number;
  /** Kafka stores a null metadata string as "". */
  metadata: string;
  commitTimestamp: number;
}

export interface OffsetRow extends CommittedOffset {
  topic: string;
  partition: number;
}

export class OffsetsStore {
  private readonly byGroup = new Map<string, Map<string, Map<number, CommittedOffset>>>();

  get(groupId: string, topic: string, partition: number): CommittedOffset | undefined {
    return this.byGroup.get(groupId)?.get(topic)?.get(partition);
  }

  set(groupId: string, topic: string, partition: number, value: CommittedOffset): void {
    let topics = this.byGroup.get(groupId);
    if (!topics) this.byGroup.set(groupId, (topics = new Map()));
    let parts = topics.get(topic);
    if (!parts) topics.set(topic, (parts = new Map()));
    parts.set(partition, value);
  }

  delete(groupId: string, topic: string, partition: number): boolean {
    const topics = this.byGroup.get(groupId);
    const parts = topics?.get(topic);
    if (!topics || !parts || !parts.delete(partition)) return false;
    if (parts.size === 0) topics.delete(topic);
    if (topics.size === 0) this.byGroup.delete(groupId);
    return true;
  }

  deleteGroup(groupId: string): void {
    this.byGroup.delete(groupId);
  }

  /** Drops a topic everywhere; returns the groups that had offsets for it. */
  deleteTopic(topic: string): string[] {
    const affected: string[] = [];
    for (const [groupId, topics] of this.byGroup) {
      if (topics.delete(topic)) {
        affected.push(groupId);
        if (topics.size === 0) this.byGroup.delete(groupId);
      }
    }
    return affected;
  }

  hasOffsets(groupId: string): boolean {
    return this.byGroup.has(groupId);
  }

  groupIds(): string[] {
    return [...this.byGroup.keys()];
  }

  /** All offsets of a group, sorted by topic then partition for stable answers. */
  all(groupId: string): OffsetRow[] {
    const topics = this.byGroup.get(groupId);
    if (!topics) return [];
    const rows: OffsetRow[] = [];
    for (const topic of [...topics.keys()].sort()) {
      const parts = topics.get(topic)!;
      for (const partition of [...parts.keys()].sort((a, b) => a - b)) {
        rows.push({ topic, partition, ...parts.get(partition)! });
      }
    }
    return rows;
  }
}

/**
 * Offsets due for expiry under Kafka's retention rules (KIP-211):
 * - group with a protocol type and Empty: retention counts from when the group became Empty;
 * - Stable consumer group with known subscriptions: offsets of unsubscribed topics, from commit time;
 * - group without protocol type (simple commits only): from each offset's commit time;
 * - anything else keeps its offsets.
 */
export function expiredOffsets(
  rows: OffsetRow[],
  group: {
    protocolType: string | null;
    state: string;
    stateTimestamp: number;
    subscribedTopics: Set<string> | null;
  },
  now: number,
  retentionMs: number,
): OffsetRow[] {
  const older = (base: number): boolean => now - base >= retentionMs;
  if (group.protocolType === null) return rows.filter((r) => older(r.commitTimestamp));
  if (group.state === 'Empty') return rows.filter(() => older(group.stateTimestamp));
  if (group.protocolType === 'consumer' && group.state === 'Stable' && group.subscribedTopics) {
    const subscribed = group.subscribedTopics;
    return rows.filter((r) => !subscribed.has(r.topic) && older(r.commitTimestamp));
  }
  return [];
}
