/**
 * What the groups feature asks of a cluster, in batches: one ListGroups per broker, one describe
 * and one OffsetFetch per coordinator, one ListOffsets per partition leader. Implemented over the
 * project's Kafka protocol codec on kafkajs's (authenticated) broker connections; tests use a fake.
 */
import type { GroupMember, GroupType } from '../../contract/groups.js';

export interface ListedGroup {
  groupId: string;
  /** "consumer" for consumer groups of either protocol, "connect", "" … (classic field). */
  protocolType: string;
  /** From ListGroups v4+; null when the broker is older. */
  state: string | null;
  /** From ListGroups v5+; null when the broker does not say. */
  type: GroupType | null;
}

export interface DescribedGroup {
  groupId: string;
  type: GroupType;
  state: string;
  protocolType: string;
  assignor: string | null;
  /** KIP-848 group epoch; null for classic groups. */
  epoch: number | null;
  members: GroupMember[];
  coordinator: number | null;
}

/** topic → partition → committed offset (partitions without a commit are left out). */
export type CommittedOffsets = Map<string, Map<number, number>>;

export interface PartitionOffsets {
  /** Log start (low watermark) and log end (high watermark). */
  start: number;
  end: number;
}

export interface GroupsGateway {
  listGroups(signal?: AbortSignal): Promise<ListedGroup[]>;
  /** Groups that are gone are left out of the answer. */
  describeGroups(groups: readonly ListedGroup[], signal?: AbortSignal): Promise<Map<string, DescribedGroup>>;
  fetchCommitted(groupIds: readonly string[], signal?: AbortSignal): Promise<Map<string, CommittedOffsets>>;
  /** Partition numbers of each topic (topics that do not exist are left out). */
  topicPartitions(topics: readonly string[], signal?: AbortSignal): Promise<Map<string, number[]>>;
  /** Log-end offsets (and, with `withStart`, log-start offsets) of the given partitions. */
  offsets(
    partitions: ReadonlyMap<string, readonly number[]>,
    opts?: { withStart?: boolean; signal?: AbortSignal },
  ): Promise<Map<string, Map<number, PartitionOffsets>>>;
  /** First offset at or after `timestamp` per partition; the log end where there is none. */
  offsetsForTime(
    partitions: ReadonlyMap<string, readonly number[]>,
    timestamp: number,
    signal?: AbortSignal,
  ): Promise<Map<string, Map<number, number>>>;
  commitOffsets(groupId: string, offsets: CommittedOffsets, signal?: AbortSignal): Promise<void>;
  deleteGroup(groupId: string, signal?: AbortSignal): Promise<void>;
  deleteOffsets(groupId: string, topic: string, partitions: readonly number[], signal?: AbortSignal): Promise<void>;
}
